import L from 'leaflet';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json';
import states10m from 'us-atlas/states-10m.json';

const UNITED_STATES = '840';
const MEXICO = '484';

/** Land, state lines and the border, drawn as vector layers: the map works with no network at all. */
export function addBasemap(map: L.Map): void {
  map.getContainer().style.background = '#cfe0ee';
  const world = countries50m as unknown as Topology<{ countries: GeometryCollection }>;
  const us = states10m as unknown as Topology<{ states: GeometryCollection }>;
  L.geoJSON(feature(world, world.objects.countries), {
    style: { color: '#8a9aa8', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 }, interactive: false,
  }).addTo(map);
  L.geoJSON(mesh(us, us.objects.states, (a, b) => a !== b), {
    style: { color: '#9fb0bf', weight: 0.7, dashArray: '3 3' }, interactive: false,
  }).addTo(map);
  const border = mesh(world, world.objects.countries, (a, b) => {
    const pair = [String(a.id), String(b.id)].sort().join('-');
    return pair === `${UNITED_STATES}-${MEXICO}`;
  });
  L.geoJSON(border, { style: { color: '#7a2e2e', weight: 2 }, interactive: false }).addTo(map);
}
