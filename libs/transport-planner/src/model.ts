import { haversineKm } from './geo';
import { vndPerKm } from './params';
import type { PlannerLoad, PlannerParams, PlannerVehicle } from './types';

/** A load, or a part of one too heavy for any eligible truck: what a trip carries. */
export interface Part {
  index: number;
  load: PlannerLoad;
  kg: number;
}

/** An ordered chain of pickups to one buyer; which end is visited first is chosen per vehicle. */
export interface Trip {
  parts: Part[];
  dropKey: string;
  kg: number;
  refrigerated: boolean;
  permit: boolean;
  /** Provinces of the parts that cross a restricted zone (a limited permit must cover them). */
  permitProvinces: string[];
}

export interface TripFit {
  costVnd: number;
  km: number;
  startMin: number;
  endMin: number;
  reversed: boolean;
}

export interface Interval {
  start: number;
  end: number;
  trip: Trip;
}

export class Model {
  readonly params: PlannerParams;
  readonly vehicles: PlannerVehicle[];
  readonly rate: Float64Array;

  constructor(vehicles: PlannerVehicle[], params: PlannerParams) {
    this.params = params;
    this.vehicles = vehicles;
    this.rate = Float64Array.from(vehicles, (v) => vndPerKm(params, v.kind, v.refrigerated));
  }

  roadKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
    return haversineKm(a.lat, a.lng, b.lat, b.lng) * this.params.roadFactor;
  }

  driveMin(km: number): number {
    return (km / this.params.speedKmh) * 60;
  }

  /** Refrigerated loads need a refrigerated truck; restricted-zone routes need a permit valid on the day. */
  eligible(v: number, refrigerated: boolean, permit: boolean, permitProvinces: readonly string[] = []): boolean {
    const veh = this.vehicles[v];
    if (refrigerated && !veh.refrigerated) return false;
    if (!permit) return true;
    if (!veh.permitValid) return false;
    const limited = veh.permitProvinceCodes;
    return !limited || permitProvinces.every((p) => limited.includes(p));
  }

  eligibleFor(v: number, trip: Trip): boolean {
    return this.eligible(v, trip.refrigerated, trip.permit, trip.permitProvinces);
  }

  fitsCapacity(v: number, kg: number): boolean {
    return kg <= this.vehicles[v].capacityKg;
  }

  /** Whole VND, rounded up, so a lower bound over exact costs stays a lower bound. */
  costOf(v: number, km: number): number {
    return Math.ceil(km * this.rate[v] - 1e-7);
  }

  /**
   * Drives one orientation of the trip from the depot, leaving no earlier than `from`:
   * the arrival at the buyer must meet every part's latest delivery, the return to the
   * depot must come by `until`. Returns the schedule or null.
   */
  private schedule(trip: Trip, v: number, reversed: boolean, from: number, until: number): TripFit | null {
    const p = this.params;
    const depot = this.vehicles[v].depot;
    const parts = trip.parts;
    const n = parts.length;
    const at = (k: number) => parts[reversed ? n - 1 - k : k];
    const first = at(0);
    let km = this.roadKm(depot, first.load.pickup);
    const start = Math.max(from, p.dayStartMin, first.load.earliestPickupMin - this.driveMin(km));
    let time = start + this.driveMin(km);
    let latest = Infinity;
    let prev = first;
    for (let k = 0; k < n; k++) {
      const x = at(k);
      if (k > 0) {
        const leg = this.roadKm(prev.load.pickup, x.load.pickup);
        km += leg;
        time += this.driveMin(leg);
      }
      time = Math.max(time, x.load.earliestPickupMin);
      // Parts of one load at one place are loaded in one stop.
      if (k === 0 || x.load.id !== prev.load.id) time += p.stopMinutes;
      latest = Math.min(latest, x.load.latestDeliveryMin);
      prev = x;
    }
    const toDrop = this.roadKm(prev.load.pickup, prev.load.drop);
    km += toDrop;
    time += this.driveMin(toDrop);
    if (time > latest + 1e-9) return null;
    time += p.stopMinutes;
    const back = this.roadKm(prev.load.drop, depot);
    km += back;
    time += this.driveMin(back);
    if (time > until + 1e-9 || time > p.dayEndMin + 1e-9) return null;
    return { costVnd: this.costOf(v, km), km, startMin: start, endMin: time, reversed };
  }

  /** Cheapest feasible orientation of the trip on vehicle v within [from, until], ignoring capacity. */
  fit(trip: Trip, v: number, from: number, until: number): TripFit | null {
    const a = this.schedule(trip, v, false, from, until);
    if (trip.parts.length === 1) return a;
    const b = this.schedule(trip, v, true, from, until);
    if (!a) return b;
    if (!b) return a;
    return b.costVnd < a.costVnd ? b : a;
  }

  /** The first gap of the vehicle's day that takes the trip (cost does not depend on the hour). */
  fitInDay(trip: Trip, v: number, day: Interval[], skip?: Trip): TripFit | null {
    let from = -Infinity;
    for (const iv of day) {
      if (iv.trip === skip) continue;
      const f = this.fit(trip, v, from, iv.start);
      if (f) return f;
      from = iv.end;
    }
    return this.fit(trip, v, from, Infinity);
  }

  /** Loads share a truck only from nearby pickups: each pickup within shareRadiusKm of the one before it. */
  nearEnough(trip: Trip): boolean {
    const ps = trip.parts;
    for (let k = 1; k < ps.length; k++)
      if (this.roadKm(ps[k - 1].load.pickup, ps[k].load.pickup) > this.params.shareRadiusKm + 1e-9) return false;
    return true;
  }

  /** Km of the trip's own path (pickups to the buyer), from its first end, without the depot legs. */
  pathKm(trip: Trip): number {
    let km = 0;
    const ps = trip.parts;
    for (let k = 1; k < ps.length; k++) km += this.roadKm(ps[k - 1].load.pickup, ps[k].load.pickup);
    return km + this.roadKm(ps[ps.length - 1].load.pickup, ps[0].load.drop);
  }
}

export function makeTrip(parts: Part[]): Trip {
  let kg = 0;
  let refrigerated = false;
  let permit = false;
  const provinces = new Set<string>();
  for (const x of parts) {
    kg += x.kg;
    refrigerated ||= x.load.refrigerated;
    if (x.load.crossesRestrictedZone) {
      permit = true;
      for (const p of x.load.provinceCodes ?? []) provinces.add(p);
    }
  }
  return { parts, dropKey: parts[0].load.dropKey, kg, refrigerated, permit, permitProvinces: [...provinces].sort() };
}

export function insertInterval(day: Interval[], iv: Interval): void {
  let k = day.length;
  while (k > 0 && day[k - 1].start > iv.start) k--;
  day.splice(k, 0, iv);
}
