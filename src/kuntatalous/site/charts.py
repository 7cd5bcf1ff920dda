"""Vega-Lite specifications of the pages' charts.

Each chart's data are the rows its table shows: a float for the geometry, and beside it the
figure as the page writes it (``label``), its source (``file:line``) and the link to that line
(``href``: clicking a mark opens the report text there). Colours are from the Okabe-Ito
palette, chosen to stay apart for colour-blind readers; every colour also has a legend or a
label, and every chart a table under it.
"""

from __future__ import annotations

from typing import Any

Spec = dict[str, Any]
Datum = dict[str, Any]

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}

WIDTH = 560
STEP = 16


def _spec(description: str, values: list[Datum], **parts: Any) -> Spec:
    return {
        "description": description,
        "data": {"values": values},
        "width": WIDTH,
        "config": {"view": {"stroke": None}, "axis": {"labelLimit": 260}},
        **parts,
    }


def _tooltip(*extra: tuple[str, str]) -> list[Spec]:
    return [{"field": field, "type": "nominal", "title": title} for field, title in extra]


def color_scale(domain: list[str], colours: list[str]) -> Spec:
    return {"domain": domain, "range": colours}


def grouped_bars(
    description: str, values: list[Datum], series: tuple[list[str], list[str]], titles: dict[str, str]
) -> Spec:
    """Horizontal bars of ``value`` per ``category``, one bar per ``series`` side by side."""
    domain, colours = series
    return _spec(
        description,
        values,
        height={"step": STEP},
        mark={"type": "bar", "cursor": "pointer"},
        encoding={
            "y": {"field": "category", "type": "nominal", "sort": None, "title": None},
            "yOffset": {"field": "series", "type": "nominal", "sort": domain},
            "x": {"field": "value", "type": "quantitative", "title": titles["value"], "axis": {"format": ",d"}},
            "color": {
                "field": "series",
                "type": "nominal",
                "scale": color_scale(domain, colours),
                "title": None,
                "legend": {"orient": "top"},
            },
            "tooltip": _tooltip(("category", titles["category"]), ("series", ""), ("label", ""), ("source", "")),
            "href": {"field": "href"},
        },
    )


def coloured_bars(
    description: str, values: list[Datum], colour: tuple[list[str], list[str]], titles: dict[str, str]
) -> Spec:
    """Horizontal bars of ``value`` per ``category``, coloured by ``colour_key`` (with a legend)."""
    domain, colours = colour
    return _spec(
        description,
        values,
        height={"step": STEP + 4},
        mark={"type": "bar", "cursor": "pointer"},
        encoding={
            "y": {"field": "category", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "value", "type": "quantitative", "title": titles["value"], "axis": {"format": ",d"}},
            "color": {
                "field": "colour_key",
                "type": "nominal",
                "scale": color_scale(domain, colours),
                "title": None,
                "legend": {"orient": "top"},
            },
            "tooltip": _tooltip(
                ("category", titles["category"]), ("colour_key", ""), ("label", titles["value"]), ("source", "")
            ),
            "href": {"field": "href"},
        },
    )


def waterfall(description: str, values: list[Datum], colour: tuple[list[str], list[str]], title: str) -> Spec:
    """Floating bars from ``start`` to ``end`` per step, in the data's order."""
    domain, colours = colour
    return _spec(
        description,
        values,
        height=260,
        mark={"type": "bar", "cursor": "pointer"},
        encoding={
            "x": {"field": "category", "type": "nominal", "sort": None, "title": None, "axis": {"labelAngle": -30}},
            "y": {"field": "start", "type": "quantitative", "title": title, "axis": {"format": ",d"}},
            "y2": {"field": "end"},
            "color": {
                "field": "colour_key",
                "type": "nominal",
                "scale": color_scale(domain, colours),
                "title": None,
                "legend": {"orient": "top"},
            },
            "tooltip": _tooltip(("category", ""), ("colour_key", ""), ("label", title), ("source", "")),
            "href": {"field": "href"},
        },
    )


def stacked_counts(
    description: str, values: list[Datum], colour: tuple[list[str], list[str]], titles: dict[str, str]
) -> Spec:
    """One bar per ``category``, stacked by ``colour_key``: how many rows of each."""
    domain, colours = colour
    return _spec(
        description,
        values,
        height={"step": STEP * 2},
        mark={"type": "bar"},
        encoding={
            "y": {"field": "category", "type": "nominal", "sort": None, "title": None},
            "x": {"aggregate": "count", "type": "quantitative", "title": titles["value"], "axis": {"tickMinStep": 1}},
            "color": {
                "field": "colour_key",
                "type": "nominal",
                "scale": color_scale(domain, colours),
                "title": None,
                "legend": {"orient": "top"},
            },
            "order": {"field": "colour_order", "type": "quantitative"},
            "tooltip": [
                {"field": "category", "type": "nominal", "title": titles["category"]},
                {"field": "colour_key", "type": "nominal", "title": ""},
                {"aggregate": "count", "type": "quantitative", "title": titles["value"]},
            ],
        },
    )


def target_dots(description: str, values: list[Datum], colour: tuple[list[str], list[str]]) -> Spec:
    """Actual and target as dots, one row per key figure, each row on its own scale."""
    header = {"labelAngle": 0, "labelAlign": "left", "labelLimit": 300}
    return {
        "description": description,
        "data": {"values": values},
        "facet": {"row": {"field": "category", "type": "nominal", "sort": None, "title": None, "header": header}},
        "spec": {
            "width": WIDTH - 160,
            "height": 18,
            "mark": {"type": "point", "filled": True, "size": 90, "cursor": "pointer"},
            "encoding": dot_encoding(colour),
        },
        "resolve": {"scale": {"x": "independent"}},
        "spacing": 4,
        "config": {"view": {"stroke": "#dddddd"}},
    }


def dot_encoding(colour: tuple[list[str], list[str]]) -> Spec:
    domain, colours = colour
    return {
        "x": {"field": "value", "type": "quantitative", "title": None, "scale": {"zero": False}},
        "color": {
            "field": "colour_key",
            "type": "nominal",
            "scale": color_scale(domain, colours),
            "title": None,
            "legend": {"orient": "top"},
        },
        "shape": {
            "field": "colour_key",
            "type": "nominal",
            "scale": {"domain": domain, "range": ["circle", "diamond"]},
            "title": None,
        },
        "tooltip": _tooltip(("category", ""), ("colour_key", ""), ("label", ""), ("source", "")),
        "href": {"field": "href"},
    }
