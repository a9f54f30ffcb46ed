import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { OfflineMap } from '../../../components/map/offline-map';

interface Props {
  label: string;
  latitude: string;
  longitude: string;
  radiusMeters: string;
  /** A click on the map picks the place; the inputs beside it say the same and work without a pointer. */
  onPick: (latitude: number, longitude: number) => void;
}

const parse = (value: string): number | null => (value.trim() === '' || !Number.isFinite(Number(value)) ? null : Number(value));

/** The operation's place on the offline map: click to pick it, its radius drawn as a circle around it. */
export function PlacePicker({ label, latitude, longitude, radiusMeters, onPick }: Props) {
  const map = useRef<L.Map | null>(null);
  const circle = useRef<L.Circle | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  const lat = parse(latitude);
  const lng = parse(longitude);
  const radius = parse(radiusMeters) ?? 250;

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      circle.current?.remove();
      circle.current = null;
      return;
    }
    if (!circle.current) {
      circle.current = L.circle([lat, lng], { radius: Math.max(radius, 1), color: '#b3261e', weight: 2, fillOpacity: 0.2 }).addTo(m);
      m.setView([lat, lng], Math.max(m.getZoom(), 7));
    } else {
      circle.current.setLatLng([lat, lng]);
      circle.current.setRadius(Math.max(radius, 1));
    }
  }, [lat, lng, radius]);

  return (
    <OfflineMap
      label={label}
      className="map case-place-map"
      onMap={(m) => {
        map.current = m;
        m.on('click', (event: L.LeafletMouseEvent) => {
          pick.current(Number(event.latlng.lat.toFixed(5)), Number(event.latlng.lng.toFixed(5)));
        });
        return () => { map.current = null; circle.current = null; };
      }}
    />
  );
}
