"""How xdist shares the suite out between its workers."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling


class ProofsApart(LoadScopeScheduling):
    """`--dist loadscope` (a test file, or a test class, goes to one worker, so that its module and class fixtures
    are set up once: a browser, a built site), but each test of tests/docs_src/ is a unit of its own. The examples'
    proofs share no fixture wider than a test, and the job queue's crash proofs, many seconds each, would otherwise
    wait for one another on one worker while the other has nothing left to do."""

    def _split_scope(self, nodeid: str) -> str:
        if nodeid.startswith("tests/docs_src/"):
            return nodeid
        return super()._split_scope(nodeid)
