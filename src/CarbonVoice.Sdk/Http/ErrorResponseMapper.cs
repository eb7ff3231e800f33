using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Turns a failed response (or a 200 carrying <c>success: false</c>) into the right typed exception.</summary>
internal static class ErrorResponseMapper
{
    public static CarbonVoiceException Map(HttpStatusCode status, string endpoint, string? body, HttpResponseMessage? response = null, RateLimitInfo? rateLimit = null)
    {
        var error = TryParse(body);
        var requestId = error?.RequestId ?? HeaderValue(response, "x-request-id");
        var message = ErrorMessage(error);
        var code = ErrorCode(error);
        var details = new CarbonVoiceErrorDetails(status, endpoint, requestId, message, code, Redactor.Excerpt(body));
        var text = Describe(status, endpoint, message, requestId);
        return status switch
        {
            HttpStatusCode.BadRequest when code == "invalid_grant" => new CarbonVoiceTokenExpiredException(text, details: details),
            HttpStatusCode.Unauthorized => new CarbonVoiceAuthenticationException(text, details),
            HttpStatusCode.Forbidden => new CarbonVoiceForbiddenException(text, details),
            HttpStatusCode.NotFound => new CarbonVoiceNotFoundException(text, details),
            HttpStatusCode.BadRequest when IsInvalidCursor(message) => new CarbonVoiceInvalidCursorException(text, details),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict => new CarbonVoiceValidationException(text, details),
            HttpStatusCode.TooManyRequests => new CarbonVoiceRateLimitException(text, rateLimit, RetryAfter(response), details),
            >= HttpStatusCode.InternalServerError => new CarbonVoiceServerException(text, details),
            _ => new CarbonVoiceException(text, details),
        };
    }

    /// <summary>Whether a 2xx body is really the error envelope (<c>{"success": false, ...}</c>).</summary>
    public static bool IsFailureEnvelope(ReadOnlySpan<byte> body)
    {
        if (body.IndexOf("\"success\""u8) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSuccess = reader.ValueTextEquals("success"u8);
                reader.Read();
                if (isSuccess)
                {
                    return reader.TokenType == JsonTokenType.False;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date && response?.Headers.Date is { } now)
        {
            return date - now;
        }

        return null;
    }

    private static string Describe(HttpStatusCode status, string endpoint, string? message, string? requestId)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"Carbon Voice {endpoint} failed with {(int)status} {status}");
        if (!string.IsNullOrWhiteSpace(message))
        {
            text += ": " + Redactor.Excerpt(message);
        }

        return requestId is null ? text + "." : text + $" (request id {requestId}).";
    }

    private static ErrorBody? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, CarbonVoiceJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ErrorMessage(ErrorBody? error)
    {
        if (error is null)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(error.Errmsg))
        {
            return error.Errmsg;
        }

        if (!string.IsNullOrEmpty(error.ErrorDescription))
        {
            return error.ErrorDescription;
        }

        if (error.Message is { } message)
        {
            if (message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }

            if (message.ValueKind == JsonValueKind.Array)
            {
                return string.Join("; ", message.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()));
            }
        }

        return error.Error is { ValueKind: JsonValueKind.String } e2 ? e2.GetString() : null;
    }

    private static bool IsInvalidCursor(string? message)
        => message is not null && message.Contains("invalid cursor", StringComparison.OrdinalIgnoreCase);

    private static string? ErrorCode(ErrorBody? error)
        => error?.Error is { ValueKind: JsonValueKind.String } code && error.StatusCode is null ? code.GetString() : null;

    private static string? HeaderValue(HttpResponseMessage? response, string name)
        => response is not null && response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
