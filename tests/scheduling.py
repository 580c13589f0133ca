"""How xdist shares the suite out between its workers."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

EXAMPLES_PROOFS = "tests/docs_src/"
"""Each test a unit, each parametrised case too: the examples' proofs share no fixture wider than a test."""

TESTS_APART = (
    "tests/behaviour/test_job_queue_jobs_and_dramatiq.py",
    "tests/docs_tools/site/test_translated_pages.py",
    "tests/docs_tools/translation/test_scaffold.py",
    "tests/hooks/test_translated_pages.py",
)
"""Files whose tests are units of their own, their parametrised cases kept together (a module fixture serves the cases
of one test only): each test builds a site or runs a broker and workers of its own, seconds each."""


class ProofsApart(LoadScopeScheduling):
    """`--dist loadscope` (a test file, or a test class, goes to one worker, so that its module and class fixtures
    are set up once: a browser, a built site), but the examples' proofs, and the tests of the files above, are shared
    out one by one. The job queue's crash proofs and the tests that build sites of their own would otherwise wait
    for one another on one worker while the others have nothing left to do."""

    def _split_scope(self, nodeid: str) -> str:
        if nodeid.startswith(EXAMPLES_PROOFS):
            return nodeid
        if nodeid.startswith(TESTS_APART):
            return nodeid.split("[", 1)[0]
        return super()._split_scope(nodeid)
