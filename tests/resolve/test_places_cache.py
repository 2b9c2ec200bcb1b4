"""The gazetteer cache cannot run code: only our two classes unpickle, and only from a file this user owns."""

from __future__ import annotations

import io
import os
import pickle

import pytest

from eventwire.resolve.gazetteer import Gazetteer, GazetteerUnpickler, trusted_cache_file


class Planted:
    def __reduce__(self):
        return (os.system, ("touch /tmp/eventwire-pwned",))


def test_a_planted_pickle_is_refused_without_running_anything():
    payload = pickle.dumps(Planted())
    with pytest.raises(pickle.UnpicklingError, match=r"(posix|os)\.system: refused"):
        GazetteerUnpickler(io.BytesIO(payload)).load()


def test_a_real_gazetteer_round_trips():
    gaz = Gazetteer()
    gaz.add(2457163, "Gao", 16.27, -0.04, "MLI", 87000, "07", "PPL", ["Gao"])
    gaz.freeze()
    loaded = GazetteerUnpickler(io.BytesIO(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))).load()
    assert isinstance(loaded, Gazetteer) and [e.geonameid for e in loaded.candidates("Gao")] == [2457163]


def test_only_a_private_file_of_this_user_is_trusted(tmp_path):
    path = tmp_path / "gazetteer.pickle"
    path.write_bytes(b"x")
    path.chmod(0o644)
    assert trusted_cache_file(path)
    path.chmod(0o666)
    assert not trusted_cache_file(path)
    assert not trusted_cache_file(tmp_path / "missing.pickle")
