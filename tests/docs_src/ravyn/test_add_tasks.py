"""Ravyn's `add_task` example makes the promises of Lilya's: the same proofs, on Ravyn's app."""

import pytest

from docs_src.ravyn import add_tasks
from tests.docs_src.background_tasks.response.test_add_tasks import (
    empty_state,
    test_added_tasks_run_in_the_order_they_were_added,
    test_only_the_confirmation_without_opt_in,
    test_served_client_has_the_response_before_the_tasks_run,
)

__all__ = [
    "empty_state",
    "test_added_tasks_run_in_the_order_they_were_added",
    "test_only_the_confirmation_without_opt_in",
    "test_served_client_has_the_response_before_the_tasks_run",
]


@pytest.fixture
def example():
    return add_tasks
