namespace CarbonVoice.Sdk;

/// <summary>The values of <see cref="Conversation.Type"/>.</summary>
public static class ConversationTypes
{
    /// <summary>A direct message between two people.</summary>
    public const string DirectMessage = "directMessage";

    /// <summary>A conversation with a customer.</summary>
    public const string CustomerConversation = "customerConversation";

    /// <summary>A named group conversation.</summary>
    public const string NamedConversation = "namedConversation";

    /// <summary>An asynchronous meeting.</summary>
    public const string AsyncMeeting = "asyncMeeting";
}
