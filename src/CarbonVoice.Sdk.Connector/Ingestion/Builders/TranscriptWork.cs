namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What a conversation's transcript is built from: the conversation and its messages, or the error that stopped reading them.</summary>
internal sealed record TranscriptInput(ConversationView? Conversation, List<MessageView> Messages, Exception? Error = null);

/// <summary>The drafts of a conversation's transcript, or the error that stopped building them.</summary>
internal readonly record struct TranscriptOutput(List<ChunkDraft>? Drafts, Exception? Error);
