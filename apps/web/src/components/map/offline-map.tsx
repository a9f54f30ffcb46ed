import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { addBasemap } from './basemap';

interface OfflineMapProps {
  /** What the map shows, for screen readers (the same facts must also be on the page as text or inputs). */
  label: string;
  center?: L.LatLngExpression;
  zoom?: number;
  className?: string;
  /** Called once with the map; layers added there are the page's own. May return a clean-up. */
  onMap?: (map: L.Map) => void | (() => void);
}

/**
 * A Leaflet map with no tile server: countries, US states and the US–Mexico border drawn from the world-atlas and
 * us-atlas TopoJSON packages bundled with the console (agency networks are often closed). Pages add their own layers.
 */
export function OfflineMap({ label, center = [31.5, -104], zoom = 5, className = 'map', onMap }: OfflineMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const setup = useRef(onMap);
  setup.current = onMap;
  useEffect(() => {
    if (!container.current) return undefined;
    const map = L.map(container.current, { center, zoom, minZoom: 3, maxZoom: 14, attributionControl: false, preferCanvas: true });
    addBasemap(map);
    const cleanup = setup.current?.(map);
    return () => { if (typeof cleanup === 'function') cleanup(); map.remove(); };
    // The map is made once (no dependencies on purpose); later changes go through the layers the page added.
  }, []);
  return <div ref={container} className={className} role="region" aria-label={label} data-testid="offline-map" />;
}
