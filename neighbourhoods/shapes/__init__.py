"""Neighbourhood shapes: reading the CBS wijk- en buurtkaart (`reading`) and drawing
them as SVG maps without a tile server (`maps`)."""
