import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

/** One Apache ECharts chart in a div; the option is replaced whenever it changes (the data is live). */
export function EChart({
  option,
  label,
  height = 260,
}: {
  option: echarts.EChartsOption;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} className="chart" style={{ height }} />;
}
