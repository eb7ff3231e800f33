namespace CarbonVoice.Sdk.Testing;

/// <summary>One webhook POST the emulator made.</summary>
/// <param name="Timestamp">When it was sent (per the emulator's time provider).</param>
/// <param name="EventName">The event, e.g. <c>message.finished</c>.</param>
/// <param name="Url">The subscribed URL.</param>
/// <param name="Status">The receiver's status code, or 0 when the POST failed.</param>
/// <param name="Error">The failure, when the POST did not get a response.</param>
/// <param name="Body">The JSON payload sent.</param>
public sealed record EmulatorWebhookDelivery(DateTimeOffset Timestamp, string EventName, Uri Url, int Status, string? Error, string Body);
