import { EntityManager } from 'typeorm';

/** What an offer needs to know of a vehicle. */
export interface LoadVehicle {
  id: string;
  operatorId: string;
  plate: string;
  capacityKg: number;
  refrigerated: boolean;
}

/**
 * Vehicles, green-lane permits and operator users are another feature's (helper "permits"); loads
 * read them through this port so the offer rules stay here whatever stores the vehicles.
 */
export abstract class LoadVehicleDirectory {
  abstract vehicle(em: EntityManager, id: string): Promise<LoadVehicle | null>;
  /** An active permit of the vehicle valid on `day` and, when it names provinces, for these ones. */
  abstract hasPermitOn(em: EntityManager, vehicleId: string, day: string, provinceCodes: string[]): Promise<boolean>;
  /** The users who act for an operator (role transport), to be told of their offers. */
  abstract operatorUserIds(em: EntityManager, operatorId: string): Promise<string[]>;
}
