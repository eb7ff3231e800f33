namespace CarbonVoice.Sdk.Testing;

/// <summary>One request the emulator answered (control requests under <c>/_emulator/</c> are not logged).</summary>
/// <param name="Timestamp">When it arrived (per the emulator's time provider).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query string.</param>
/// <param name="Status">Status code answered (0 for a reset connection).</param>
/// <param name="AuthKind">Which credential authenticated it.</param>
/// <param name="Fault">The injected fault, if any.</param>
public sealed record EmulatorRequestLog(
    DateTimeOffset Timestamp,
    string Method,
    string PathAndQuery,
    int Status,
    EmulatorAuthKind AuthKind,
    FaultKind? Fault);
