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

    /// <summary>When set, the status, the headers (announcing the whole body) and only this many body bytes are sent, then the connection is reset.</summary>
    public int? ResetAfterBytes { get; set; }

    /// <summary>The body is sent in this many parts (1: at once).</summary>
    public int BodyParts { get; set; } = 1;

    /// <summary>The delay before each part of the body, waited on the emulator's time provider (zero: none).</summary>
    public TimeSpan PartDelay { get; set; }

    /// <summary>True once the rate limiter has written the <c>X-RateLimit-*</c> headers.</summary>
    public bool RateLimitReported { get; set; }

    public List<KeyValuePair<string, string>>? Headers { get; private set; }

    public void AddHeader(string name, string value) => (Headers ??= []).Add(new(name, value));
}
