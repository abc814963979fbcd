import { useEffect, useState } from 'react';
import type { BehaviorSubject } from 'rxjs';

/** The current value of a BehaviorSubject, re-rendering on change. */
export function useSubject<T>(subject: BehaviorSubject<T>): T {
  const [value, setValue] = useState(subject.value);
  useEffect(() => {
    const sub = subject.subscribe(setValue);
    return () => sub.unsubscribe();
  }, [subject]);
  return value;
}
