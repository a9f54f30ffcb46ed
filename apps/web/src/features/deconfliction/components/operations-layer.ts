import L from 'leaflet';
import type { OperationsMap } from '../api/operations';

const PLAIN = { color: '#1f5f99', weight: 2, fillOpacity: 0.15 };
const CONFLICT = { color: '#b3261e', weight: 3, fillOpacity: 0.3 };

/**
 * Each operation as a circle of its radius; those in an unresolved event conflict in the conflict colour, each
 * conflicting pair joined by a dashed line. Only lazily loaded pages import this (Leaflet stays out of the first load).
 */
export function drawOperations(map: L.Map, layer: L.LayerGroup, data: OperationsMap, labels: { conflict: string }): void {
  layer.clearLayers();
  const byId = new Map(data.items.map((op) => [op.id, op]));
  const bounds = L.latLngBounds([]);
  for (const op of data.items) {
    const inConflict = op.hitIds.length > 0;
    const circle = L.circle([op.latitude, op.longitude], { radius: op.radiusMeters, ...(inConflict ? CONFLICT : PLAIN) });
    circle.bindTooltip(`${op.agency} ${op.caseNumber} · ${op.type}`);
    circle.addTo(layer);
    // A marker-sized dot too: a 300 m circle is invisible at country zoom.
    L.circleMarker([op.latitude, op.longitude], { radius: 5, ...(inConflict ? CONFLICT : PLAIN), fillOpacity: 0.9 }).addTo(layer);
    bounds.extend(circle.getBounds());
  }
  for (const conflict of data.conflicts) {
    const [a, b] = conflict.operationIds.map((id) => byId.get(id));
    if (!a || !b) continue;
    L.polyline([[a.latitude, a.longitude], [b.latitude, b.longitude]], { ...CONFLICT, dashArray: '6 4' })
      .bindTooltip(`${labels.conflict}: ${a.agency} ${a.caseNumber} ↔ ${b.agency} ${b.caseNumber}`)
      .addTo(layer);
  }
  if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 10, padding: [24, 24] });
}
