namespace CarbonVoice.Sdk;

/// <summary>The message statuses the SDK's helpers look at (<see cref="MessageV6.Status"/>, <see cref="Message.Status"/>, <see cref="LegacyMessage.Status"/>).</summary>
public static class MessageStatuses
{
    /// <summary>Processing finished: the transcript, when there is one, is ready.</summary>
    public const string Active = "active";

    /// <summary>Still being processed (the transcript comes later).</summary>
    public const string Processing = "processing";

    /// <summary>Deleted.</summary>
    public const string Deleted = "deleted";
}
