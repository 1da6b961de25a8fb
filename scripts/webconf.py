"""The web build's settings (wasm-pack.toml) and tools, shared by build-web.py, vendor-pdfjs.py
and check-web.py."""
import os
import shutil
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load():
    with open(os.path.join(ROOT, "wasm-pack.toml"), "rb") as f:
        return tomllib.load(f)


def rustflags(conf):
    """rustc flags of the floor: `-C target-cpu=mvp -C target-feature=+a,+b…`."""
    floor = conf["floor"]
    features = ",".join("+" + f for f in floor["wasm-features"])
    return f"-C target-cpu={floor['target-cpu']} -C target-feature={features}"


def binaryen_features(conf):
    """binaryen's flags for exactly the floor's features: `--mvp-features --enable-…`."""
    rename = {"nontrapping-fptoint": "nontrapping-float-to-int"}
    return ["--mvp-features"] + ["--enable-" + rename.get(f, f) for f in conf["floor"]["wasm-features"]]


def esbuild_targets(conf):
    """esbuild's --target list of the floor: `chrome86,firefox102,safari15`."""
    return ",".join(conf["floor"]["browsers"])


def tool(name):
    """A command from node_modules/.bin (npm's binaryen, esbuild) or else the PATH."""
    local = os.path.join(ROOT, "node_modules", ".bin", name)
    return local if os.path.exists(local) else shutil.which(name)


def leb128(data, at):
    """An unsigned LEB128 at `at`: (value, offset after it)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def without_target_features(data):
    """The module without its `target_features` custom section: wasm-bindgen would generate the
    glue of the features it lists, and binaryen would enable them and validate nothing."""
    out, at = bytearray(data[:8]), 8
    while at < len(data):
        start = at
        section = data[at]
        size, body = leb128(data, at + 1)
        end = body + size
        if section == 0:
            name_len, name_at = leb128(data, body)
            if data[name_at:name_at + name_len] == b"target_features":
                at = end
                continue
        out += data[start:end]
        at = end
    return bytes(out)
