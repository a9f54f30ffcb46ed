import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the bar chart and the three components it uses: the chart chunk stays small, and only lazy pages import it.
echarts.use([EBarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface BarSeries { name: string; data: number[] }

/**
 * A bar chart for sighted users; the table beside it is the accessible equivalent (the chart is one image with a
 * label saying what it shows, its SVG hidden from screen readers).
 */
export function BarChart({ label, categories, series, stacked = false, height = 280 }: {
  label: string; categories: string[]; series: BarSeries[]; stacked?: boolean; height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({
      animation: false,
      color: ['#0b4f8a', '#c05a00', '#1f6f3a', '#a4161a', '#6a4c93', '#4a5560'],
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 48, right: 16, top: series.length > 1 ? 36 : 16, bottom: 56 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: stacked ? 'total' : undefined, barMaxWidth: 56 })),
    }, true);
  }, [categories, series, stacked]);

  return (
    <div className="chart" role="img" aria-label={label} style={{ height }}>
      <div ref={element} className="chart-canvas" aria-hidden="true" />
    </div>
  );
}
