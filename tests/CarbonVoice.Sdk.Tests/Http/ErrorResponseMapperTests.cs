using System.Net;
using System.Text;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>How a failed answer (or a 200 with <c>success: false</c>) becomes a typed exception: the envelope test, the message, the request id.</summary>
public sealed class ErrorResponseMapperTests
{
    private const string Endpoint = "GET /v5/workspaces/{id}";

    [Theory]
    [InlineData("""{"success":false,"errmsg":"nope"}""", true)]
    [InlineData("""  {"requestId":"r1","success":false}""", true)]
    [InlineData("""{"data":[1,{"a":2}],"meta":{"x":null},"success":false}""", true)]
    [InlineData("""{"success":true,"id":"w1"}""", false)]
    [InlineData("""{"success":"false"}""", false)]
    [InlineData("""{"id":"w1"}""", false)]
    public void A_body_is_the_failure_envelope_only_when_its_own_success_is_false(string body, bool expected)
        => Assert.Equal(expected, ErrorResponseMapper.IsFailureEnvelope(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"workspace":{"success":false},"id":"w1"}""")]
    [InlineData("""{"items":[{"success":false}]}""")]
    [InlineData("""[{"success":false}]""")]
    [InlineData("""["success", false]""")]
    [InlineData("""{"name":"the word \"success\" in a value"}""")]
    public void A_success_false_nested_in_the_data_is_no_failure(string body)
        => Assert.False(ErrorResponseMapper.IsFailureEnvelope(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"success":""")]
    [InlineData("""{"success" false}""")]
    [InlineData("""{"id":"w1","success""")]
    public void A_broken_body_mentioning_success_is_no_failure_envelope(string body)
        => Assert.False(ErrorResponseMapper.IsFailureEnvelope(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void The_request_id_of_the_body_wins_over_the_header()
    {
        using var response = Response(HttpStatusCode.NotFound, ("x-request-id", "from-header"));

        var error = ErrorResponseMapper.Map(HttpStatusCode.NotFound, Endpoint, """{"requestId":"from-body","errmsg":"gone"}""", response);

        Assert.Equal("from-body", error.RequestId);
        Assert.Contains("(request id from-body)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_names_endpoint_status_error_text_and_request_id()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.NotFound, Endpoint, """{"requestId":"r-42","errmsg":"workspace gone"}""");

        Assert.Equal("Carbon Voice GET /v5/workspaces/{id} failed with 404 NotFound: workspace gone (request id r-42).", error.Message);
    }

    [Fact]
    public void Without_a_request_id_the_message_says_none()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.NotFound, Endpoint, """{"errmsg":"workspace gone"}""");

        Assert.Null(error.RequestId);
        Assert.Equal("Carbon Voice GET /v5/workspaces/{id} failed with 404 NotFound: workspace gone.", error.Message);
    }

    [Fact]
    public void Without_an_error_text_the_message_is_endpoint_and_status()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.BadGateway, Endpoint, "<html>bad gateway</html>");

        Assert.IsType<CarbonVoiceServerException>(error);
        Assert.Equal("Carbon Voice GET /v5/workspaces/{id} failed with 502 BadGateway.", error.Message);
        Assert.Equal("<html>bad gateway</html>", error.ResponseBodyExcerpt);
    }

    [Fact]
    public void An_invalid_grant_is_an_expired_token()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.BadRequest, "POST /oauth/token", """{"error":"invalid_grant","error_description":"The refresh token has expired"}""");

        var expired = Assert.IsType<CarbonVoiceTokenExpiredException>(error);
        Assert.Equal("invalid_grant", expired.ErrorCode);
        Assert.Equal("The refresh token has expired", expired.ErrorMessage);
        Assert.Contains("The refresh token has expired", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_oauth_error_code_is_a_validation_error()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.BadRequest, "POST /oauth/token", """{"error":"invalid_request","error_description":"redirect_uri is missing"}""");

        Assert.IsType<CarbonVoiceValidationException>(error);
        Assert.Equal("invalid_request", error.ErrorCode);
        Assert.Equal("redirect_uri is missing", error.ErrorMessage);
    }

    [Fact]
    public void An_empty_error_description_gives_way_to_the_message()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.BadRequest, Endpoint, """{"error_description":"","message":"name must not be empty"}""");

        Assert.Equal("name must not be empty", error.ErrorMessage);
    }

    [Fact]
    public void An_errmsg_wins_over_an_error_description()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.BadRequest, Endpoint, """{"errmsg":"first","error_description":"second","message":"third"}""");

        Assert.Equal("first", error.ErrorMessage);
    }

    [Fact]
    public void A_bare_error_string_is_the_message_when_nothing_else_is()
    {
        var error = ErrorResponseMapper.Map(HttpStatusCode.Conflict, Endpoint, """{"error":"already exists"}""");

        Assert.IsType<CarbonVoiceValidationException>(error);
        Assert.Equal("already exists", error.ErrorMessage);
        Assert.Equal("already exists", error.ErrorCode);
    }

    [Fact]
    public void The_request_id_header_is_read_when_the_body_is_no_json()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, ("x-request-id", "hdr-7"));

        var error = ErrorResponseMapper.Map(HttpStatusCode.ServiceUnavailable, Endpoint, "Service Unavailable", response);

        Assert.Equal("hdr-7", error.RequestId);
        Assert.Null(error.ErrorMessage);
        Assert.EndsWith("(request id hdr-7).", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
