"""A key file is read like every other input: a regular file, bounded; a FIFO, a device
or a folder is refused with a message, never a hang."""

from __future__ import annotations

import os

import pytest

from iku_desktop.exchange import keys


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "folder", "too_big"])
def test_a_key_file_that_is_not_a_small_regular_file_is_refused(tmp_path, kind):
    path = tmp_path / "kunci.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev_zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"{" + b" " * (keys.MAX_KEY_FILE + 10) + b"}")
    with pytest.raises(keys.KeyFileError):
        keys.read_key_file(path)
