import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** Refuses a field that belongs to another `kind` of a discriminated item (e.g. `orgType` on a PERSON). */
export function OnlyForKind(kind: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'onlyForKind', target: target.constructor, propertyName: String(propertyName), options,
    validator: {
      validate: (value: unknown, args: ValidationArguments) =>
        value === undefined || (args.object as { kind?: string }).kind === kind,
      defaultMessage: (args: ValidationArguments) => `${args.property} is only allowed when kind is ${kind}`,
    },
  });
}

/** The date must not lie in the future (dates of birth, seizure dates). */
export function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isPastDate', target: target.constructor, propertyName: String(propertyName), options,
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const time = Date.parse(value);
        if (Number.isNaN(time) || time > Date.now() || time < Date.UTC(1900, 0, 1)) return false;
        // Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip.
        return new Date(time).toISOString().slice(0, 10) === value;
      },
      defaultMessage: (args: ValidationArguments) => `${args.property} must be a real date from 1900 on, not in the future`,
    },
  });
}

/** This time must be strictly after the sibling property's time (end of a time window after its start). */
export function IsAfter(sibling: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isAfter', target: target.constructor, propertyName: String(propertyName), options,
    constraints: [sibling],
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        const other = (args.object as Record<string, unknown>)[sibling];
        if (typeof value !== 'string' || typeof other !== 'string') return true;
        const end = Date.parse(value);
        const start = Date.parse(other);
        return Number.isNaN(start) || Number.isNaN(end) || end > start;
      },
      defaultMessage: (args: ValidationArguments) => `${args.property} must be after ${sibling}`,
    },
  });
}

/** A timestamp (see IsTimestamp) that lies in the future, e.g. when a standing watch expires. */
export function IsFutureTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    IsTimestamp(options)(target, propertyName);
    registerDecorator({
      name: 'isFutureTimestamp', target: target.constructor, propertyName: String(propertyName), options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) > Date.now(),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be in the future`,
      },
    });
  };
}

/** Clients' clocks run a little ahead at times; something that happened "just now" must not be refused for that. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A timestamp (see IsTimestamp) that is not in the future: when something was seized, when a meeting was held. */
export function IsPastTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    IsTimestamp(options)(target, propertyName);
    registerDecorator({
      name: 'isPastTimestamp', target: target.constructor, propertyName: String(propertyName), options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) <= Date.now() + CLOCK_SKEW_MS,
        defaultMessage: (args: ValidationArguments) => `${args.property} must not be in the future`,
      },
    });
  };
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 date-time that states its offset (api.md: times carry an offset), and a real calendar instant. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isTimestamp', target: target.constructor, propertyName: String(propertyName), options,
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return false;
        const time = Date.parse(value);
        if (Number.isNaN(time)) return false;
        const [, month, day] = /^\d{4}-(\d{2})-(\d{2})/.exec(value) ?? [];
        const probe = new Date(value.slice(0, 10) + 'T00:00:00Z');
        return probe.getUTCMonth() + 1 === Number(month) && probe.getUTCDate() === Number(day);
      },
      defaultMessage: (args: ValidationArguments) =>
        `${args.property} must be an ISO-8601 date-time with an offset, e.g. 2026-11-23T14:00:00-07:00`,
    },
  });
}
