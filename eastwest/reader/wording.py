"""Number formatting shared by charts, tables and glued text. Kept apart from eastwest.charts.style so
that formatting a number never imports matplotlib (a notebook that draws nothing starts faster)."""
from __future__ import annotations


def human(value: float, unit: str = "") -> str:
    """Readable numbers for labels: 240000000 yuan -> '240 m yuan'; 22896 -> '22,896'."""
    if value is None or value != value:
        return "n/a"
    if unit == "yuan":
        if abs(value) >= 1e5:
            return f"¥{value / 1e6:,.2f} m".replace(".00 m", " m")
        return f"¥{value:,.0f}"
    if unit == "percent":
        return f"{value:g}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
