import type { SimDevice, SimDeviceFactory, SimDeviceSpec, SimEnvironment } from './sim-device.js';

/** The running simulated devices, by id; the control API dispatches to it. */
export class SimRegistry {
  readonly #devices = new Map<string, SimDevice>();
  readonly #stations = new Map<string, string>();

  /** Adds a device; `station` says where it stands (a lane, the kiosk), as its config named it. */
  add(device: SimDevice, station?: string): void {
    if (this.#devices.has(device.id)) throw new Error(`duplicate simulated device id "${device.id}"`);
    this.#devices.set(device.id, device);
    if (station !== undefined) this.#stations.set(device.id, station);
  }

  stationOf(id: string): string | undefined {
    return this.#stations.get(id);
  }

  get(id: string): SimDevice | undefined {
    return this.#devices.get(id);
  }

  list(): SimDevice[] {
    return [...this.#devices.values()];
  }

  async startAll(): Promise<void> {
    for (const device of this.#devices.values()) await device.start();
  }

  async stopAll(): Promise<void> {
    const devices = [...this.#devices.values()].reverse();
    await Promise.allSettled(devices.map((d) => d.stop()));
  }
}

/** Factories keyed by `kind/protocol`, e.g. `scale/toledo-8217`. */
export class SimFactoryCatalog {
  readonly #factories = new Map<string, SimDeviceFactory>();

  register(kind: string, protocol: string, factory: SimDeviceFactory): this {
    this.#factories.set(`${kind}/${protocol}`, factory);
    return this;
  }

  keys(): string[] {
    return [...this.#factories.keys()];
  }

  create(spec: SimDeviceSpec, env: SimEnvironment): SimDevice {
    const factory = this.#factories.get(`${spec.kind}/${spec.protocol}`);
    if (!factory) {
      throw new Error(
        `no simulated device for kind "${spec.kind}" protocol "${spec.protocol}" (known: ${this.keys().join(', ')})`,
      );
    }
    return factory(spec, env);
  }
}
