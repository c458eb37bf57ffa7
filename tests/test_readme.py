"""The README's command examples are what the commands print, run in order on a copy of corpus/."""

import re
import shlex
import shutil
import subprocess
import sys

from conftest import CORPUS, REPO

README_HOME = "/home/ana/laoreport/"  # where the README's JSON example says the archive lies


def _examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of every `$ laoreport` line in the Commands section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Commands\n"):]
    section = section[:section.index("\n## ", 1)]
    examples = []
    for block in re.findall(r"^```\n(.*?)^```$", section, re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ laoreport "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def test_every_readme_command_prints_what_the_readme_shows(tmp_path, soffice):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    examples = _examples()
    assert len(examples) >= 12 and examples[0][0] == "laoreport import corpus/"
    wrong = []
    for command, expected in examples:
        result = subprocess.run([sys.executable, "-m", *shlex.split(command)], cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        actual = result.stdout.replace(f"{tmp_path}/", README_HOME).splitlines()
        while expected and not expected[-1]:  # a blank line between two commands
            expected = expected[:-1]
        if expected and expected[-1] == "...":  # the README shows the beginning
            expected, actual = expected[:-1], actual[:len(expected) - 1]
        if actual != expected:
            wrong.append(f"$ {command}\n--- README\n" + "\n".join(expected) + "\n--- actual\n" + "\n".join(actual))
    assert not wrong, "\n\n".join(wrong)
