"""Convert documents with LibreOffice headless, sandboxed: own profile, own process group, time and memory caps.

soffice exits 0 even when it could not load a file, so success is judged by the output file.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from laoreport.errors import ConverterMissingError, CorruptFileError

TIMEOUT_SECONDS = 120
MEMORY_BYTES = 2 * 1024**3
INSTALL_HINT = "legacy .doc files need LibreOffice: apt-get install libreoffice-writer-nogui fonts-lao"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def convert(source: str | os.PathLike[str], target_format: str, out_dir: str | os.PathLike[str],
            input_filter: str | None = None) -> Path:
    """Convert `source` into `out_dir` as `target_format` (e.g. "docx:MS Word 2007 XML"); return the new file."""
    exe = soffice_path()
    if not exe:
        raise ConverterMissingError(source, INSTALL_HINT)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="laoreport-lo-") as profile:
        command = [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}"]
        if input_filter:
            command.append(f"--infilter={input_filter}")
        command += ["--convert-to", target_format, "--outdir", str(out_dir), os.fspath(source)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, preexec_fn=_limit_memory)
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise CorruptFileError(source, f"LibreOffice did not finish converting it in {TIMEOUT_SECONDS} s") from None
    output = out_dir / (Path(source).stem + "." + target_format.split(":")[0])
    if not output.exists():
        raise CorruptFileError(source, "LibreOffice could not open it (damaged or not a Word document)")
    return output
