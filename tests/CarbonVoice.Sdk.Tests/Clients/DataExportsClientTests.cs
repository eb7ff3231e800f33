using System.Net;
using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class DataExportsClientTests
{
    private const string Bearer = "Bearer " + TestClients.AccessToken;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ExportConversationsAsync_posts_the_request_and_reads_the_job()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Post, TestClients.Url("data-exporter/conversations"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                seen = request;
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Accepted, Job("exp-1", "pending", type: "conversations"));
            });
        using var client = TestClients.Create(mock);

        var job = await client.DataExports.ExportConversationsAsync(new ExportConversationsRequest
        {
            WorkspaceId = "KYbE5xyjBt39",
            ChannelIds = ["CH1", "CH2"],
            StartDate = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            EndDate = new DateTimeOffset(2026, 2, 1, 12, 30, 0, TimeSpan.FromHours(2)),
            Format = ExportFormats.Csv,
        });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("/data-exporter/conversations", seen.RequestUri!.AbsolutePath);
        using var json = JsonDocument.Parse(body!);
        var root = json.RootElement;
        Assert.Equal("KYbE5xyjBt39", root.GetProperty("workspace_id").GetString());
        Assert.Equal(["CH1", "CH2"], root.GetProperty("channel_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), root.GetProperty("start_date").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 10, 30, 0, TimeSpan.Zero), root.GetProperty("end_date").GetDateTimeOffset());
        Assert.EndsWith("Z", root.GetProperty("end_date").GetString(), StringComparison.Ordinal);
        Assert.Equal("csv", root.GetProperty("format").GetString());
        Assert.Equal(5, root.EnumerateObject().Count());

        Assert.Equal("exp-1", job.Id);
        Assert.Equal(ExportJobTypes.Conversations, job.Type);
        Assert.Equal(ExportJobStatuses.Pending, job.Status);
        Assert.Equal("KYbE5xyjBt39", job.WorkspaceId);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero), job.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), job.UpdatedAt);
        Assert.Null(job.DownloadUrl);
        Assert.Null(job.Error);
        Assert.Equal(0, job.AdditionalProperties!["progress"].GetInt32());
    }

    [Fact]
    public async Task ExportConversationsAsync_sends_only_the_workspace_when_nothing_else_is_set()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, TestClients.Url("data-exporter/conversations"))
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Accepted, Job("exp-2", "pending"));
            });
        using var client = TestClients.Create(mock);

        await client.DataExports.ExportConversationsAsync(new ExportConversationsRequest { WorkspaceId = "w1" });

        Assert.Equal("""{"workspace_id":"w1"}""", body);
    }

    [Fact]
    public async Task ExportUsersAsync_posts_the_request_and_reads_the_job()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        var route = mock.When(HttpMethod.Post, TestClients.Url("data-exporter/users"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Accepted, Job("exp-u", "processing", type: "users"));
            });
        using var client = TestClients.Create(mock);

        var job = await client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = "KYbE5xyjBt39", Format = ExportFormats.Json });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("""{"workspace_id":"KYbE5xyjBt39","format":"json"}""", body);
        Assert.Equal("exp-u", job.Id);
        Assert.Equal(ExportJobTypes.Users, job.Type);
        Assert.Equal(ExportJobStatuses.Processing, job.Status);
    }

    [Fact]
    public async Task GetAsync_reads_a_finished_job()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1"))
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, Job("exp-1", "done"));
            });
        using var client = TestClients.Create(mock);

        var job = await client.DataExports.GetAsync("exp-1");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Get, seen!.Method);
        Assert.Equal(string.Empty, seen.RequestUri!.Query);
        Assert.Equal(ExportJobStatuses.Done, job.Status);
        Assert.Equal("https://files.test/exports/exp-1.zip", job.DownloadUrl);
    }

    [Fact]
    public async Task GetAsync_accepts_a_wrapped_job()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1"))
            .Respond(Json.MediaType, $$"""{"success": true, "export": {{Job("exp-1", "failed")}}}""");
        using var client = TestClients.Create(mock);

        var job = await client.DataExports.GetAsync("exp-1");

        Assert.Equal("exp-1", job.Id);
        Assert.Equal("Workspace too large", job.Error);
    }

    [Fact]
    public async Task WaitForCompletionAsync_polls_on_the_given_clock_until_done()
    {
        var mock = new MockHttpMessageHandler();
        var statuses = new[] { "pending", "processing", "done" };
        var calls = 0;
        var route = mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1"))
            .WithHeaders("Authorization", Bearer)
            .Respond(_ =>
            {
                var index = Math.Min(Interlocked.Increment(ref calls), statuses.Length) - 1;
                return JsonResponse(HttpStatusCode.OK, Job("exp-1", statuses[index]));
            });
        using var client = TestClients.Create(mock);
        var time = new TrackingTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        var task = client.DataExports.WaitForCompletionAsync("exp-1", Interval, time);

        // The first poll happens at once; the second only after a full interval of fake time.
        await YieldUntilAsync(() => mock.GetMatchCount(route) == 1);
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        await YieldManyAsync();
        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.False(task.IsCompleted);

        var job = await AdvanceUntilCompletedAsync(time, task);

        Assert.Equal(3, mock.GetMatchCount(route));
        Assert.Equal(ExportJobStatuses.Done, job.Status);
        Assert.Equal("https://files.test/exports/exp-1.zip", job.DownloadUrl);
    }

    [Fact]
    public async Task WaitForCompletionAsync_returns_at_once_when_the_job_is_already_done()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1")).Respond(Json.MediaType, Job("exp-1", "done"));
        using var client = TestClients.Create(mock);

        var job = await client.DataExports.WaitForCompletionAsync("exp-1", Interval, new FakeTimeProvider()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(ExportJobStatuses.Done, job.Status);
    }

    [Fact]
    public async Task WaitForCompletionAsync_throws_with_the_error_text_of_a_failed_export()
    {
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1"))
            .Respond(_ => JsonResponse(HttpStatusCode.OK, Job("exp-1", Interlocked.Increment(ref calls) == 1 ? "processing" : "failed")));
        using var client = TestClients.Create(mock);
        var time = new TrackingTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        var task = client.DataExports.WaitForCompletionAsync("exp-1", Interval, time);
        await AdvanceUntilCompletedAsync(time, task);

        var error = await Assert.ThrowsAsync<CarbonVoiceException>(() => task);
        Assert.Contains("exp-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Workspace too large", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_honours_cancellation_while_waiting()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1")).Respond(Json.MediaType, Job("exp-1", "processing"));
        using var client = TestClients.Create(mock);
        using var cancellation = new CancellationTokenSource();

        var task = client.DataExports.WaitForCompletionAsync("exp-1", Interval, new FakeTimeProvider(), cancellation.Token);
        await YieldUntilAsync(() => mock.GetMatchCount(route) == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WaitForCompletionAsync_propagates_a_404()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("data-exporter/gone"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"requestId":"r-1","errmsg":"Export not found"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.DataExports.WaitForCompletionAsync("gone", Interval, new FakeTimeProvider()));

        Assert.Equal("r-1", error.RequestId);
    }

    public static TheoryData<string?> BadIds => new() { null, string.Empty, " \t" };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Null_or_blank_ids_throw_ArgumentException_without_a_request(string? id)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        var get = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DataExports.GetAsync(id!));
        Assert.Equal("exportId", get.ParamName);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DataExports.WaitForCompletionAsync(id!, Interval));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DataExports.ExportConversationsAsync(new ExportConversationsRequest { WorkspaceId = id! }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = id! }));
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task Invalid_requests_and_intervals_throw_before_any_call()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.DataExports.ExportConversationsAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.DataExports.ExportUsersAsync(null!));
        var dates = await Assert.ThrowsAsync<ArgumentException>(() => client.DataExports.ExportConversationsAsync(new ExportConversationsRequest
        {
            WorkspaceId = "w1",
            StartDate = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            EndDate = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }));
        Assert.Contains("StartDate", dates.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.DataExports.WaitForCompletionAsync("exp-1", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.DataExports.WaitForCompletionAsync("exp-1", TimeSpan.FromSeconds(-1)));
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task Export_POSTs_answered_502_are_not_retried()
    {
        var mock = new MockHttpMessageHandler();
        const string BadGateway = """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""";
        var conversations = mock.When(HttpMethod.Post, TestClients.Url("data-exporter/conversations")).Respond(HttpStatusCode.BadGateway, Json.MediaType, BadGateway);
        var users = mock.When(HttpMethod.Post, TestClients.Url("data-exporter/users")).Respond(HttpStatusCode.BadGateway, Json.MediaType, BadGateway);
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.DataExports.ExportConversationsAsync(new ExportConversationsRequest { WorkspaceId = "w1" }));
        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = "w1" }));

        Assert.Equal(1, mock.GetMatchCount(conversations));
        Assert.Equal(1, mock.GetMatchCount(users));
    }

    [Fact]
    public async Task A_GET_answered_502_is_retried()
    {
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        var route = mock.When(HttpMethod.Get, TestClients.Url("data-exporter/exp-1"))
            .Respond(_ => Interlocked.Increment(ref calls) == 1
                ? JsonResponse(HttpStatusCode.BadGateway, """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""")
                : JsonResponse(HttpStatusCode.OK, Job("exp-1", "done")));
        using var client = TestClients.Create(mock);

        var job = await client.DataExports.GetAsync("exp-1");

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Equal("exp-1", job.Id);
    }

    [Fact]
    public async Task A_404_becomes_CarbonVoiceNotFoundException_with_the_request_id()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("data-exporter/missing"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"requestId":"r-1","errmsg":"Channel not found"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.DataExports.GetAsync("missing"));

        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("GET /data-exporter/{id}", error.Endpoint);
    }

    [Fact]
    public async Task A_403_becomes_CarbonVoiceForbiddenException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("data-exporter/users"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"requestId":"r-3","errmsg":"Admins only"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = "w1" }));

        Assert.Equal("Admins only", error.ErrorMessage);
    }

    private static string Job(string id, string status, string type = "conversations")
    {
        var outcome = status switch
        {
            "done" => "\"download_url\": \"https://files.test/exports/" + id + ".zip\",",
            "failed" => "\"error\": \"Workspace too large\",",
            _ => string.Empty,
        };
        return $$"""
            {"id": "{{id}}", "type": "{{type}}", "status": "{{status}}", "workspace_id": "KYbE5xyjBt39", {{outcome}}
             "created_at": "2026-02-03T09:46:10.492Z", "updated_at": 1770112000000, "progress": 0}
            """;
    }

    /// <summary>Moves fake time to each poll's delay once it is armed (never while a request is in flight), until the wait ends.</summary>
    private static async Task<T> AdvanceUntilCompletedAsync<T>(TrackingTimeProvider time, Task<T> task)
    {
        await time.AdvanceUntilCompletedAsync((Task)task);
        try
        {
            return await task;
        }
        catch (CarbonVoiceException)
        {
            return default!;
        }
    }

    private static async Task YieldUntilAsync(Func<bool> condition)
    {
        for (var i = 0; !condition(); i++)
        {
            Assert.True(i < 1_000_000, "Gave up waiting without real sleeps.");
            await Task.Yield();
        }
    }

    private static async Task YieldManyAsync()
    {
        for (var i = 0; i < 500; i++)
        {
            await Task.Yield();
        }
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
