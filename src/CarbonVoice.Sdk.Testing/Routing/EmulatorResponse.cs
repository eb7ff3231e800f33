namespace CarbonVoice.Sdk.Testing;

/// <summary>A transport-neutral response.</summary>
internal sealed class EmulatorResponse
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int Status { get; set; } = 200;
    public string ContentType { get; set; } = JsonContentType;
    public byte[] Body { get; set; } = [];

    /// <summary>When true the connection is reset instead of answered.</summary>
    public bool Abort { get; set; }

    /// <summary>True once the rate limiter has written the <c>X-RateLimit-*</c> headers.</summary>
    public bool RateLimitReported { get; set; }

    public List<KeyValuePair<string, string>>? Headers { get; private set; }

    public void AddHeader(string name, string value) => (Headers ??= []).Add(new(name, value));
}
