"""Placing councils on a flat map: latitude and longitude to the British National Grid, and the grid to a drawing.

The National Grid is a transverse Mercator projection of the Airy 1830 ellipsoid (true origin 49°N 2°W, scale
0.9996012717 on the central meridian, false origin 400 km west and 100 km north of it). It keeps shapes and
distances true to within 0.04% across Great Britain and is good for Northern Ireland too, so one projection
serves the whole UK, and distances between councils can be measured on it in metres.

The council data gives WGS84 degrees; the grid is defined on OSGB36. The two datums differ by at most about
120 metres on the ground, far below a pixel of the map or a kilometre of distance, so the shift is left out.

Pure functions only: nothing here reads the database.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

# Airy 1830 ellipsoid and the National Grid's projection constants (Ordnance Survey).
A, B = 6_377_563.396, 6_356_256.909
F0 = 0.9996012717
LAT0, LON0 = math.radians(49), math.radians(-2)
E0, N0 = 400_000.0, -100_000.0
E2 = (A * A - B * B) / (A * A)
N = (A - B) / (A + B)


def _meridional_arc(lat: float) -> float:
    """Distance along the central meridian from the true origin's latitude to ``lat``, scaled by F0."""
    d, s = lat - LAT0, lat + LAT0
    return (
        B
        * F0
        * (
            (1 + N + 5 / 4 * N**2 + 5 / 4 * N**3) * d
            - (3 * N + 3 * N**2 + 21 / 8 * N**3) * math.sin(d) * math.cos(s)
            + (15 / 8 * N**2 + 15 / 8 * N**3) * math.sin(2 * d) * math.cos(2 * s)
            - 35 / 24 * N**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )


def national_grid(latitude: float, longitude: float) -> tuple[float, float]:
    """(easting, northing) in metres on the British National Grid for a point in decimal degrees."""
    lat, lon = math.radians(latitude), math.radians(longitude)
    sin, cos, tan = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = A * F0 / math.sqrt(1 - E2 * sin**2)
    rho = A * F0 * (1 - E2) / (1 - E2 * sin**2) ** 1.5
    eta2 = nu / rho - 1
    i = _meridional_arc(lat) + N0
    ii = nu / 2 * sin * cos
    iii = nu / 24 * sin * cos**3 * (5 - tan**2 + 9 * eta2)
    iiia = nu / 720 * sin * cos**5 * (61 - 58 * tan**2 + tan**4)
    iv = nu * cos
    v = nu / 6 * cos**3 * (nu / rho - tan**2)
    vi = nu / 120 * cos**5 * (5 - 18 * tan**2 + tan**4 + 14 * eta2 - 58 * tan**2 * eta2)
    dl = lon - LON0
    northing = i + ii * dl**2 + iii * dl**4 + iiia * dl**6
    easting = E0 + iv * dl + v * dl**3 + vi * dl**5
    return easting, northing


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line distance between two grid points, in kilometres."""
    return math.hypot(a[0] - b[0], a[1] - b[1]) / 1000


@dataclass(frozen=True)
class Frame:
    """Grid points fitted into a drawing ``width`` by ``height`` (SVG units, y down), keeping the aspect ratio."""

    min_easting: float
    max_northing: float
    scale: float
    margin: float
    width: float
    height: float

    @classmethod
    def fit(cls, points: Iterable[tuple[float, float]], *, width: float, margin: float) -> "Frame":
        """The frame ``width`` wide (the height follows from the points' extent) that holds every point."""
        points = list(points)
        if not points:
            return cls(0.0, 0.0, 1.0, margin, width, width)
        eastings = [e for e, _ in points]
        northings = [n for _, n in points]
        span_e = max(eastings) - min(eastings) or 1.0
        span_n = max(northings) - min(northings) or 1.0
        scale = (width - 2 * margin) / span_e
        height = span_n * scale + 2 * margin
        return cls(min(eastings), max(northings), scale, margin, width, round(height, 1))

    def place(self, point: tuple[float, float]) -> tuple[float, float]:
        """The drawing coordinates of a grid point: east to the right, north up."""
        easting, northing = point
        x = self.margin + (easting - self.min_easting) * self.scale
        y = self.margin + (self.max_northing - northing) * self.scale
        return round(x, 1), round(y, 1)
