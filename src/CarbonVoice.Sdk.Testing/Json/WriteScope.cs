namespace CarbonVoice.Sdk.Testing;

/// <summary>What the JSON writers need besides the record: the absolute base URL and the current time.</summary>
internal readonly record struct WriteScope(string BaseUrl, long NowMs)
{
    public static WriteScope Of(RequestContext context) => new(context.Request.BaseUrl, context.NowMs);
}
