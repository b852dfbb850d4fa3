import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """Window preferences go to a temporary folder, never to the user's real settings."""
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName("IKU Desktop Test")
    qapp.setApplicationName("IKU Desktop Test")
    yield


@pytest.fixture(autouse=True)
def background_work_inline(request, monkeypatch):
    """Background work (a register's ids, the IKM summary…) runs inline, so that a test
    reads what a load shows without waiting. A test marked ``background`` runs it in the
    worker threads as the app does: every background path has such tests of its own
    (tests/ui/test_register_loading.py)."""
    from ui import tasks

    if request.node.get_closest_marker("background") is None:
        monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    yield
