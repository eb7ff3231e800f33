using CarbonVoice.ContractCheck.Capture;
using CarbonVoice.ContractCheck.Checking;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck;

/// <summary>
/// Calls every read-only route of the SDK once (small pages, two pages of each paged list), discovering the ids it
/// needs as it goes (whoami → workspaces → conversations → messages), and reports per route where the service's
/// answers differ from what the SDK models. It never writes: only GETs and the read-only POSTs.
/// </summary>
/// <example>
/// <code>
/// var checker = new ContractChecker(new ContractCheckOptions
/// {
///     BaseAddress = emulator.BaseAddress,
///     Credential = ContractCheckCredential.OAuthAccessToken(token),
/// }, emulator.CreateHandler());
/// var report = await checker.RunAsync();
/// </code>
/// </example>
public sealed class ContractChecker
{
    private readonly ContractCheckOptions _options;
    private readonly HttpMessageHandler? _primaryHandler;

    /// <summary>Creates a checker.</summary>
    /// <param name="options">What to check and how; validated here.</param>
    /// <param name="primaryHandler">
    /// The transport (for example the emulator's in-process handler, or a test handler that alters answers); null for a
    /// real network connection. The checker wraps it to capture raw bodies and never disposes it.
    /// </param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ContractChecker(ContractCheckOptions options, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _primaryHandler = primaryHandler;
    }

    /// <summary>Every route the check knows, in report order.</summary>
    public static IReadOnlyList<RouteDefinition> Routes => RouteCatalog.All;

    /// <summary>Runs the check. Route failures are reported, not thrown.</summary>
    /// <param name="progress">Told about each route as soon as it has been checked (in the order they are called).</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>One report per route of <see cref="Routes"/>.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The SDK refused its options.</exception>
    public async Task<ContractReport> RunAsync(IProgress<RouteReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _options.TimeProvider.GetUtcNow();
        var credential = _options.Credential;
        var redactor = new SecretRedactor(credential.Secret);
        var recorder = new CaptureRecorder();
        var ownsTransport = _primaryHandler is null;
        var capturing = new CapturingHandler(recorder, _primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        try
        {
            using var client = new CarbonVoiceClient(
                SdkOptions(),
                credential.Kind == CredentialKind.OAuthAccessToken ? new StaticAccessTokenProvider(credential.Secret) : null,
                capturing,
                timeProvider: _options.TimeProvider);
            var runner = new RouteRunner(recorder, redactor, _options.MaxPages, progress);
            var context = new CheckContext(client, _options, runner);

            await IdentityChecks.RunAsync(context, credential, cancellationToken);
            await WorkspaceChecks.ListAsync(context, cancellationToken);
            await ConversationChecks.ListAsync(context, cancellationToken);
            await WorkspaceChecks.ReadAsync(context, cancellationToken);
            await ConversationChecks.ReadAsync(context, cancellationToken);
            await MessageChecks.RunAsync(context, cancellationToken);
            await SharingChecks.RunAsync(context, cancellationToken);
            await ActionItemAndExportChecks.RunAsync(context, cancellationToken);

            var routes = RouteCatalog.All.Select(route => runner.ReportOf(route) ?? RouteReportBuilder.NotApplicable(route, "not reached")).ToList();
            return new ContractReport
            {
                SdkVersion = typeof(CarbonVoiceClient).Assembly.GetName().Version?.ToString(3),
                StartedAt = started,
                FinishedAt = _options.TimeProvider.GetUtcNow(),
                BaseAddress = _options.BaseAddress.AbsoluteUri,
                Authentication = credential.Kind,
                PageSize = _options.PageSize,
                Summary = ReportSummary.Of(routes),
                Routes = routes,
            };
        }
        finally
        {
            if (ownsTransport)
            {
                capturing.Dispose();
            }
        }
    }

    private CarbonVoiceOptions SdkOptions()
    {
        var credential = _options.Credential;
        var options = new CarbonVoiceOptions
        {
            BaseAddress = _options.BaseAddress,
            MaxRetryAttempts = _options.MaxRetryAttempts,
            Timeout = _options.CallTimeout,
            AttemptTimeout = _options.CallTimeout < TimeSpan.FromSeconds(30) ? _options.CallTimeout : TimeSpan.FromSeconds(30),
            UserAgent = "CarbonVoice.ContractCheck/" + typeof(ContractChecker).Assembly.GetName().Version?.ToString(3),
        };
        switch (credential.Kind)
        {
            case CredentialKind.PersonalAccessToken:
                options.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
                options.PersonalAccessToken = credential.Secret;
                break;
            case CredentialKind.ApiKey:
                options.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
                options.ApiKey = credential.Secret;
                break;
            default:
                // OAuth mode insists on a client id and secret although nothing here refreshes or exchanges tokens:
                // placeholders satisfy the validation and are never sent (no /oauth/token call is made).
                options.AuthenticationMode = CarbonVoiceAuthenticationMode.OAuth;
                options.ClientId = "carbonvoice-contract-check";
                options.ClientSecret = "unused-by-the-contract-check";
                break;
        }

        return options;
    }
}
