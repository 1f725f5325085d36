"""classify's input: binary data is refused naming the file (as extract does); a line of
odd characters, or one junk line among texts, is still classified."""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scamnet.analyze.inputs import TextLine, input_lines, is_binary, read_text_lines
from scamnet.cli import main
from scamnet.errors import InvalidInputError


def _random(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("photo.raw", _random(20_000))
    return buf.getvalue()


BINARIES = {
    "random": _random(5_000),
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random(3_000),
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _random(3_000, seed=8),
    "zip": _zip(),
    "gzip": gzip.compress(b"send USDT to my wallet now " * 500),
    "short": _random(64, seed=9),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_input_is_refused_naming_it(name: str) -> None:
    with pytest.raises(InvalidInputError) as exc:
        input_lines(io.BytesIO(BINARIES[name]), f"{name}.bin")
    (problem,) = exc.value.problems
    assert problem.file == f"{name}.bin" and "binary" in problem.reason


def test_one_junk_line_among_texts_is_not_binary() -> None:
    data = b"hello there\n" * 3 + b"\xff\xfe\x00\x00 junk\x00\n" + b"see you at dinner\n"
    got = list(read_text_lines(input_lines(io.BytesIO(data), "in.txt"), "in.txt"))
    assert [g.line for g in got] == [1, 2, 3, 4, 5]


# Any character but NUL and lone surrogates (which are not UTF-8); newlines would
# make more lines.
_ODD = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\n\r\x0b\x0c"
                             "\x1c\x1d\x1e\x85\u2028\u2029"), min_size=1, max_size=200)


@settings(max_examples=200, deadline=None)
@given(_ODD.filter(lambda t: t.strip()), st.booleans())
def test_a_single_line_of_odd_characters_is_classified(text: str, as_json: bool) -> None:
    assume(as_json or not text.lstrip().startswith("{"))  # that is a (bad) JSON line
    line = json.dumps({"text": text}, ensure_ascii=False) if as_json else text
    data = line.encode("utf-8") + b"\n"
    assert not is_binary(data)
    (got,) = read_text_lines(input_lines(io.BytesIO(data), "in.txt"), "in.txt")
    assert isinstance(got, TextLine) and got.line == 1
    if as_json:
        assert got.text == text


def test_classify_refuses_a_binary_file_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(BINARIES["jpeg"])
    res = CliRunner().invoke(main, ["classify", str(path)])
    assert res.exit_code == 2, res.output
    assert res.stdout == "" and "photo.jpg" in res.stderr and "binary" in res.stderr
    res = CliRunner().invoke(main, ["classify", "--json", "-"], input=BINARIES["random"])
    assert res.exit_code == 2 and res.stdout == "" and "binary data, not text" in res.stderr


def test_classify_still_scores_a_line_of_control_characters() -> None:
    res = CliRunner().invoke(main, ["classify", "--json", "-"],
                             input=b"\x01\x02\x03\x04\x05\x06\x07\x08 call me \x7f\x7f\n")
    assert res.exit_code == 0, res.output
    (out,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert out["line"] == 1 and 0 <= out["risk"] <= 100
