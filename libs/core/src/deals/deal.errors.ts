import { DomainError } from '../common/domain-error';

export function quantityExceedsRemaining(
  requestedKg: number,
  lotRemainingKg: number,
  requestRemainingKg: number,
): DomainError {
  const remainingKg = Math.max(0, Math.min(lotRemainingKg, requestRemainingKg));
  return new DomainError(
    'conflict',
    'DEAL.QUANTITY_EXCEEDS_REMAINING',
    `${requestedKg} kg exceeds what remains (${remainingKg} kg)`,
    {
      field: 'quantityKg',
      requestedKg,
      remainingKg,
      supplyLotRemainingKg: lotRemainingKg,
      purchaseRequestRemainingKg: requestRemainingKg,
    },
  );
}

export function deliveryExceedsDeal(quantityKg: number, deliveredSoFarKg: number, requestedKg: number): DomainError {
  const remainingKg = Math.max(0, quantityKg - deliveredSoFarKg);
  return new DomainError(
    'validation',
    'DEAL.DELIVERED_EXCEEDS_QUANTITY',
    `deliveredKg: ${requestedKg} kg is more than the ${remainingKg} kg left to deliver of the deal's ${quantityKg} kg`,
    [
      {
        field: 'deliveredKg',
        message: `deliveredKg must be at most ${remainingKg}`,
        quantityKg,
        deliveredKg: deliveredSoFarKg,
        remainingKg,
        requestedKg,
      },
    ],
  );
}

/** The band a deal price may fall in without staff saying it is intended: a third of the catalogue minimum to three times its maximum. */
export function usualPriceBand(product: {
  typicalPriceMinVnd: number | null;
  typicalPriceMaxVnd: number | null;
}): { lowestVndPerKg: number; highestVndPerKg: number } | null {
  if (product.typicalPriceMinVnd == null || product.typicalPriceMaxVnd == null) return null;
  return { lowestVndPerKg: Math.ceil(product.typicalPriceMinVnd / 3), highestVndPerKg: product.typicalPriceMaxVnd * 3 };
}

export function unusualPrice(
  productCode: string,
  priceVndPerKg: number,
  band: { lowestVndPerKg: number; highestVndPerKg: number },
  catalogue: { typicalPriceMinVnd: number | null; typicalPriceMaxVnd: number | null },
): DomainError {
  return new DomainError(
    'validation',
    'DEAL.UNUSUAL_PRICE',
    `priceVndPerKg: ${priceVndPerKg} đ/kg is far outside the usual band of ${productCode} (${catalogue.typicalPriceMinVnd ?? '?'}–${catalogue.typicalPriceMaxVnd ?? '?'} đ/kg); send confirmUnusualPrice: true if it is intended`,
    [
      {
        field: 'priceVndPerKg',
        message: `priceVndPerKg must be between ${band.lowestVndPerKg} and ${band.highestVndPerKg} unless confirmUnusualPrice is true`,
        priceVndPerKg,
        typicalPriceMinVnd: catalogue.typicalPriceMinVnd,
        typicalPriceMaxVnd: catalogue.typicalPriceMaxVnd,
        lowestVndPerKg: band.lowestVndPerKg,
        highestVndPerKg: band.highestVndPerKg,
      },
    ],
  );
}
