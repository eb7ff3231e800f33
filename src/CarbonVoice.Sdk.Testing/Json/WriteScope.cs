namespace CarbonVoice.Sdk.Testing;

/// <summary>What the JSON writers need besides the record: absolute base URL, current time and quirks.</summary>
internal readonly record struct WriteScope(string BaseUrl, long NowMs, QuirkOptions Quirks)
{
    public static WriteScope Of(RequestContext context) => new(context.Request.BaseUrl, context.NowMs, context.Emulator.Options.Quirks);

    public bool TranscriptReady(MessageRecord message)
        => !Quirks.Enabled || (message.TranscriptOverride is not null && message.UpdatedMs > message.CreatedMs)
            || NowMs >= message.CreatedMs + (long)Quirks.TranscriptDelay.TotalMilliseconds;
}
