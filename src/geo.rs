//! Great-circle distances, as the contract defines them: the haversine
//! formula on a sphere of radius 6371.0088 km (the mean Earth radius).

const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Kilometres between two (latitude, longitude) points in degrees.
pub fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Distance between two optional locations: `None` when either is unknown.
pub fn between(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> Option<f64> {
    Some(great_circle_km(a?, b?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude() {
        let d = great_circle_km((33.0, 120.0), (34.0, 120.0));
        assert!((d - 111.195).abs() < 0.01, "{d}");
    }

    #[test]
    fn unknown_location_has_no_distance() {
        assert_eq!(between(None, Some((1.0, 1.0))), None);
        assert_eq!(between(Some((1.0, 1.0)), Some((1.0, 1.0))), Some(0.0));
    }
}
