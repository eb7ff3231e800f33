namespace CarbonVoice.Sdk.Testing;

/// <summary>One request the emulator answered (control requests under <c>/_emulator/</c> are not logged).</summary>
/// <param name="Timestamp">When it arrived (per the emulator's time provider).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query string (a signed attachment URL's signature masked as <c>***</c>).</param>
/// <param name="Status">Status code answered (0 for a reset connection).</param>
/// <param name="AuthKind">Which credential authenticated it.</param>
/// <param name="Fault">The injected fault, if any.</param>
public sealed record EmulatorRequestLog(
    DateTimeOffset Timestamp,
    string Method,
    string PathAndQuery,
    int Status,
    EmulatorAuthKind AuthKind,
    FaultKind? Fault)
{
    /// <summary>Whether the request carried an <c>Authorization</c> or <c>x-api-key</c> header (valid or not): a signed-URL download must carry neither.</summary>
    public bool PresentedCredential { get; init; }
}
