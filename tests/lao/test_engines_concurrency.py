"""Segmenting from many threads at once (as `laoreport serve` does) cuts every text as one thread does.

Each run is a fresh process, where nothing is loaded yet: the first cuts are where threads race
to load nlpo3 dictionaries. Before the loads were serialized, most such runs cut some texts with
another thread's dictionary, and some panicked inside nlpo3 for the rest of the process.
"""

import json
import subprocess
import sys

CUT = r"""
import json, sys, threading
from laoreport.lao import word_tokens
texts = [f"ກະກຽມຜະລິດຫຼຽນທີ່ລະນຶກ ຄົບຮອບ {n} ປີ" + "ສືບຕໍ່ທາສີອາຄານ" * (n % 4) + "ພິມວາລະສານ" * (n % 3)
         for n in range(32)] + ["ບົດສະຫຼຸບຕີລາຄາ ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ " * 8]
threads = int(sys.argv[1])
start, found, errors = threading.Barrier(threads), {}, []
def cut(part):
    start.wait()
    try:
        found.update({text: [list(token) for token in word_tokens(text)] for text in part})
    except BaseException as error:  # nlpo3 panics are BaseExceptions
        errors.append(repr(error))
workers = [threading.Thread(target=cut, args=(texts[i::threads],)) for i in range(threads)]
for worker in workers: worker.start()
for worker in workers: worker.join()
print(json.dumps({"errors": errors, "found": found}, ensure_ascii=False))
"""


def cut_in_a_fresh_process(threads: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CUT, str(threads)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_sixteen_threads_cut_as_one_does():
    alone = cut_in_a_fresh_process(1)
    assert alone["errors"] == [] and len(alone["found"]) == 33
    for _ in range(3):
        together = cut_in_a_fresh_process(16)
        assert together["errors"] == []
        assert together["found"] == alone["found"]
