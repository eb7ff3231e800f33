namespace CarbonVoice.Sdk;

/// <summary>The Conversations endpoints.</summary>
public interface IConversationsClient
{
}
