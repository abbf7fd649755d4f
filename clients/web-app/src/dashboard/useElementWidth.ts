// How wide an element is drawn, kept current as it resizes: a chart drawn at its true width keeps
// its text at the page's size instead of shrinking with the picture on a narrow screen.
import { useEffect, useRef, useState } from 'react';

export function useElementWidth<Element extends HTMLElement>(initialWidth: number) {
  const element = useRef<Element>(null);
  const [width, setWidth] = useState(initialWidth);
  useEffect(() => {
    const observed = element.current;
    if (!observed) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(observed);
    return () => observer.disconnect();
  }, []);
  return { element, width };
}
