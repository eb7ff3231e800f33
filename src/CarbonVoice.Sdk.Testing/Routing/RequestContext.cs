using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Everything an endpoint needs: the request, the response being built, the caller and the route values.</summary>
internal sealed class RequestContext
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private Utf8JsonWriter? _writer;
    private readonly string[] _segments;
    private readonly int[] _paramPositions;

    public RequestContext(CarbonVoiceEmulator emulator, EmulatorRequest request, string[] segments, int[] paramPositions)
    {
        Emulator = emulator;
        Request = request;
        _segments = segments;
        _paramPositions = paramPositions;
    }

    public CarbonVoiceEmulator Emulator { get; }
    public EmulatorRequest Request { get; }
    public EmulatorResponse Response { get; } = new();
    public DataStore Store => Emulator.Store;
    public long NowMs => Emulator.NowMs;

    /// <summary>The authenticated user, set for routes that require authentication.</summary>
    public UserRecord User { get; set; } = null!;
    public EmulatorAuthKind AuthKind { get; set; }
    public string? ClientId { get; set; }

    /// <summary>Webhook events raised while handling; sent after the data lock is released.</summary>
    public List<WebhookEvent>? Events { get; private set; }

    public string Param(int index) => Uri.UnescapeDataString(_segments[_paramPositions[index]]);

    public void Raise(WebhookEvent webhookEvent) => (Events ??= []).Add(webhookEvent);

    /// <summary>Starts a JSON body; the endpoint writes one value with the returned writer.</summary>
    public Utf8JsonWriter Json(int status = 200)
    {
        Response.Status = status;
        Response.ContentType = EmulatorResponse.JsonContentType;
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        if (t_writer is null)
        {
            t_writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions);
        }
        else
        {
            t_writer.Reset(buffer);
        }

        _writer = t_writer;
        return _writer;
    }

    /// <summary>Copies a JSON body started with <see cref="Json"/> into the response.</summary>
    public void Complete()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Flush();
        Response.Body = t_buffer!.WrittenSpan.ToArray();
        if (t_buffer.Capacity > 1 << 20)
        {
            t_buffer = null;
            t_writer = null;
        }

        _writer = null;
    }

    /// <summary>Answers with the documented error body <c>{"success": false, "requestId", "errmsg"}</c>.</summary>
    public void Error(int status, string message)
    {
        _writer = null;
        Response.Status = status;
        Response.ContentType = EmulatorResponse.JsonContentType;
        Response.Body = ErrorBodies.Standard(message);
    }

    /// <summary>Answers 400 with the documented error body (messages joined with "; ").</summary>
    public void BadRequest(params string[] messages) => Error(400, string.Join("; ", messages));

    /// <summary>Answers 400 with the NestJS validation body (the <c>by-ids</c> routes and the v6 feeds use it, as the real service does).</summary>
    public void ValidationError(params string[] messages)
    {
        _writer = null;
        Response.Status = 400;
        Response.ContentType = EmulatorResponse.JsonContentType;
        Response.Body = ErrorBodies.Validation(messages);
    }

    /// <summary>Answers with an RFC 6749 error body.</summary>
    public void OAuthError(int status, string error, string description)
    {
        _writer = null;
        Response.Status = status;
        Response.ContentType = EmulatorResponse.JsonContentType;
        Response.Body = ErrorBodies.OAuth(error, description);
        Response.AddHeader("Cache-Control", "no-store");
    }

    public void Text(int status, string contentType, string body) => Bytes(status, contentType, Encoding.UTF8.GetBytes(body));

    public void Bytes(int status, string contentType, byte[] body)
    {
        _writer = null;
        Response.Status = status;
        Response.ContentType = contentType;
        Response.Body = body;
    }

    public void Redirect(string location)
    {
        _writer = null;
        Response.Status = 302;
        Response.ContentType = "text/plain; charset=utf-8";
        Response.Body = [];
        Response.AddHeader("Location", location);
    }

    /// <summary>Parses the JSON body; answers 400 and returns false when it is not a JSON object.</summary>
    public bool TryReadJson(out JsonDocument document)
    {
        document = null!;
        try
        {
            document = JsonDocument.Parse(Request.Body.Length == 0 ? "{}"u8.ToArray() : Request.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        Error(400, "Request body must be a JSON object");
        return false;
    }

    /// <summary>Reads an integer query value within bounds; answers 400 and returns false when it is out of range.</summary>
    public bool TryQueryInt(string name, int defaultValue, int min, int max, out int value)
    {
        var raw = Request.Query(name);
        if (raw is null)
        {
            value = defaultValue;
            return true;
        }

        if (int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        BadRequest($"{name} must be an integer between {min} and {max}");
        return false;
    }
}
