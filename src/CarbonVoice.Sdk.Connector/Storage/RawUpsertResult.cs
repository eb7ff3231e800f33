namespace CarbonVoice.Sdk.Connector;

/// <summary>The result of writing one raw record.</summary>
/// <param name="Key">The record's identity.</param>
/// <param name="Outcome">New, changed or unchanged.</param>
/// <param name="ChangeSequence">The record's change sequence after the write.</param>
public sealed record RawUpsertResult(RawRecordKey Key, UpsertOutcome Outcome, long ChangeSequence);
