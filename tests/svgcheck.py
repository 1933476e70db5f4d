# SPDX-License-Identifier: MIT
"""Checks shared by the tests of SVG figures (tests/cli_svg.sh,
tests/tui_svg.sh): well-formed, readable on a projector, values placed
where the axes say."""
import json, math, xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"

def load(path):
    root = ET.parse(path).getroot()          # well-formed, or an exception
    assert root.tag == NS + "svg", root.tag
    assert root.get("viewBox") == "0 0 1600 1000", root.get("viewBox")
    for e in root.iter():                    # readable on a projector
        if e.get("font-size"):
            assert float(e.get("font-size")) >= 16, e.attrib
    return root

def place(panel, layer, v):
    """Where the panel's axes put value v of a layer."""
    f = lambda k: float(panel.get("data-" + k))
    lo, hi = math.log10(f("lo")), math.log10(f("hi"))
    a, b = f("layer-lo"), f("layer-hi")
    x = f("x0") + (f("width") / 2 if b <= a else
                   (layer - a) / (b - a) * f("width"))
    y = f("y0") + (hi - math.log10(v)) / (hi - lo) * f("height")
    return x, y

def markers(group, kind):
    """{layer: (value, cx, cy)} of a profile group's markers of kind."""
    out = {}
    for c in group.iter(NS + "circle"):
        if c.get("data-kind") == kind:
            out[int(c.get("data-layer"))] = (float(c.get("data-value")),
                                             float(c.get("cx")),
                                             float(c.get("cy")))
    return out

def check_profile(panel, group, kind, want):
    """Markers of kind equal want (one number per layer, None: absent),
    each placed where the panel's axes put it."""
    got = markers(group, kind)
    for layer, v in enumerate(want, 1):
        if v is None:
            assert layer not in got, (kind, layer)
            continue
        assert layer in got, (kind, layer, "missing")
        value, cx, cy = got[layer]
        assert value == v, (kind, layer, value, v)
        if v > 0:
            x, y = place(panel, layer, v)
            assert abs(cx - x) < 0.01 and abs(cy - y) < 0.01, \
                (kind, layer, cx, cy, x, y)
    assert len(got) == sum(v is not None for v in want), (kind, got)

def command(root):
    return " ".join(t.text for t in root.iter(NS + "text")
                    if t.get("class") == "command")
