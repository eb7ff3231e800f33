namespace CarbonVoice.Sdk.Testing;

internal sealed class WebhookSubscriptionRecord
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required UserRecord User { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required string WebhookUrl { get; init; }
    public required long CreatedMs { get; init; }

    public bool Matches(string eventName)
    {
        if (Events.Count == 0)
        {
            return true;
        }

        foreach (var pattern in Events)
        {
            if (pattern == eventName || pattern == "*"
                || (pattern.EndsWith(".*", StringComparison.Ordinal) && eventName.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
