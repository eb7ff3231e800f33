using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Sends webhooks in the order they were raised, one at a time, off the caller's thread.</summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly CarbonVoiceEmulator _emulator;
    private readonly Lock _sync = new();
    private readonly List<EmulatorWebhookDelivery> _deliveries = [];
    private readonly List<ITimer> _timers = [];
    private HttpClient? _client;
    private Task _tail = Task.CompletedTask;

    public WebhookDispatcher(CarbonVoiceEmulator emulator)
    {
        _emulator = emulator;
    }

    public IReadOnlyList<EmulatorWebhookDelivery> Deliveries
    {
        get { lock (_sync) { return [.. _deliveries]; } }
    }

    /// <summary>Adds a subscription (call under the data lock). Throws when the user already has one for the URL.</summary>
    public WebhookSubscriptionRecord Subscribe(UserRecord user, string clientId, string url, IReadOnlyList<string> events)
    {
        var store = _emulator.Store;
        if (store.Subscriptions.Any(s => ReferenceEquals(s.User, user) && s.ClientId == clientId && s.WebhookUrl == url))
        {
            throw new InvalidOperationException("A subscription with the same webhook url already exists for this user");
        }

        var subscription = new WebhookSubscriptionRecord
        {
            Id = store.NewHexId(),
            ClientId = clientId,
            User = user,
            Events = [.. events],
            WebhookUrl = url,
            CreatedMs = _emulator.NowMs,
        };
        store.Subscriptions.Add(subscription);
        return subscription;
    }

    public void Enqueue(IEnumerable<WebhookEvent> events)
    {
        var deliveries = new List<(string Url, string EventName, byte[] Body)>();
        lock (_emulator.Store.Sync)
        {
            foreach (var webhookEvent in events)
            {
                foreach (var group in _emulator.Store.Subscriptions
                    .Where(s => s.Matches(webhookEvent.EventName) && webhookEvent.Workspace.IsMember(s.User))
                    .GroupBy(s => s.WebhookUrl, StringComparer.Ordinal))
                {
                    var users = group.Select(s => s.User).Distinct().ToList();
                    deliveries.Add((group.Key, webhookEvent.EventName, Payload(webhookEvent, users)));
                }
            }
        }

        if (deliveries.Count == 0)
        {
            return;
        }

        lock (_sync)
        {
            foreach (var (url, eventName, body) in deliveries)
            {
                _tail = DeliverAfterAsync(_tail, url, eventName, body);
            }
        }
    }

    /// <summary>Runs an action later on the emulator's clock (a fake clock fires it when advanced).</summary>
    public void Schedule(TimeSpan delay, Action action)
    {
        lock (_sync)
        {
            _timers.Add(_emulator.Time.CreateTimer(_ => action(), null, delay, Timeout.InfiniteTimeSpan));
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Task tail;
        lock (_sync)
        {
            tail = _tail;
        }

        return tail.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        ITimer[] timers;
        lock (_sync)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        _client?.Dispose();
    }

    private static byte[] Payload(WebhookEvent webhookEvent, List<UserRecord> users)
    {
        var buffer = new ArrayBufferWriter<byte>(webhookEvent.Resource.Length + 512);
        using (var w = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("eventName", webhookEvent.EventName);
            w.WriteStartArray("subscribedUserIds");
            foreach (var user in users)
            {
                w.WriteStringValue(user.Id);
            }

            w.WriteEndArray();
            w.WriteStartArray("subscribedUserSettings");
            foreach (var user in users)
            {
                w.WriteStartObject();
                w.WriteString("user_id", user.Id);
                w.WriteString("userId", user.Id);
                w.WriteString("defaultLanguage", user.Language);
                w.WriteNumber("timezone", 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("data");
            w.WriteString("eventName", webhookEvent.EventName);
            w.WriteString("resourceId", webhookEvent.ResourceId);
            w.WriteString("resourceType", webhookEvent.ResourceType);
            w.WritePropertyName("resource");
            w.WriteRawValue(webhookEvent.Resource, skipInputValidation: true);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task DeliverAfterAsync(Task previous, string url, string eventName, byte[] body)
    {
        await previous.ConfigureAwait(false);
        await Task.Yield();
        var options = _emulator.Options.Webhooks;
        var client = _client ??= new HttpClient(options.Handler ?? new SocketsHttpHandler(), disposeHandler: options.Handler is null);
        int status = 0;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (options.HeaderValue is { } value)
            {
                request.Headers.TryAddWithoutValidation(options.HeaderName, value);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await client.SendAsync(request, cts.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
#pragma warning disable CA1031 // a failing receiver is recorded, never thrown into the emulator
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex.Message;
        }

        lock (_sync)
        {
            _deliveries.Add(new EmulatorWebhookDelivery(_emulator.Time.GetUtcNow(), eventName, new Uri(url), status, error, Encoding.UTF8.GetString(body)));
        }
    }
}
