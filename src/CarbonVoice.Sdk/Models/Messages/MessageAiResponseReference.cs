namespace CarbonVoice.Sdk;

/// <summary>An AI response generated for a message (<c>ai_response_ids[]</c>).</summary>
public sealed record MessageAiResponseReference : CarbonVoiceModel
{
    /// <summary>The response id.</summary>
    public string? Id { get; init; }

    /// <summary>The prompt that produced it.</summary>
    public string? PromptId { get; init; }
}
