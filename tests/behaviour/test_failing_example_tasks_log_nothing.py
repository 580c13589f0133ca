"""Not every task of the site's examples logs what it did: the `send_receipt` tasks of the errors examples (Lilya's
and Ravyn's) do nothing but raise, to stand for a failure, and log nothing on their module's logger."""

import logging

import anyio
import pytest

from docs_src.background_tasks import errors as lilya_errors
from docs_src.ravyn import errors as ravyn_errors


@pytest.mark.parametrize("module", [lilya_errors, ravyn_errors], ids=["lilya", "ravyn"])
def test_the_send_receipt_task_of_the_errors_examples_raises_and_logs_nothing(module, caplog):
    caplog.set_level(logging.DEBUG, logger=module.__name__)
    with pytest.raises(ConnectionError):
        anyio.run(module.send_receipt, "7")
    assert [record for record in caplog.records if record.name == module.__name__] == []
