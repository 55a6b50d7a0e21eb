using System.Globalization;
using System.Resources;

namespace SensorNode.Cli.Resources;

/// <summary>Every message the tool prints or shows in help, from Strings.resx (English) and Strings.ko.resx
/// (Korean), looked up in <see cref="CultureInfo.CurrentUICulture"/> at the moment of use.</summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("SensorNode.Cli.Resources.Strings", typeof(Messages).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);

    public static string RootDescription => Get(nameof(RootDescription));

    public static string OptJson => Get(nameof(OptJson));

    public static string OptLang => Get(nameof(OptLang));

    public static string OptRegistry => Get(nameof(OptRegistry));

    public static string OptBroker => Get(nameof(OptBroker));

    public static string OptCa => Get(nameof(OptCa));

    public static string OptUser => Get(nameof(OptUser));

    public static string OptPasswordFile => Get(nameof(OptPasswordFile));

    public static string OptSite => Get(nameof(OptSite));

    public static string OptDuration => Get(nameof(OptDuration));

    public static string CmdBroker => Get(nameof(CmdBroker));

    public static string CmdBrokerSetup => Get(nameof(CmdBrokerSetup));

    public static string OptOut => Get(nameof(OptOut));

    public static string OptNode => Get(nameof(OptNode));

    public static string OptHostUser => Get(nameof(OptHostUser));

    public static string OptTlsPort => Get(nameof(OptTlsPort));

    public static string OptBind => Get(nameof(OptBind));

    public static string OptServerName => Get(nameof(OptServerName));

    public static string OptDevPlainPort => Get(nameof(OptDevPlainPort));

    public static string OptRequireClientCert => Get(nameof(OptRequireClientCert));

    public static string OptRunAsUser => Get(nameof(OptRunAsUser));

    public static string OptForce => Get(nameof(OptForce));

    public static string BrokerSetupDone => Get(nameof(BrokerSetupDone));

    public static string BrokerSetupStart => Get(nameof(BrokerSetupStart));

    public static string BrokerSetupSecrets => Get(nameof(BrokerSetupSecrets));

    public static string ErrInvalidIdentifier => Get(nameof(ErrInvalidIdentifier));

    public static string ErrDuplicateIdentity => Get(nameof(ErrDuplicateIdentity));

    public static string ErrWouldOverwrite => Get(nameof(ErrWouldOverwrite));

    public static string ErrPathHasSpaces => Get(nameof(ErrPathHasSpaces));

    public static string ErrNoNodes => Get(nameof(ErrNoNodes));

    public static string CmdSimulate => Get(nameof(CmdSimulate));

    public static string OptCount => Get(nameof(OptCount));

    public static string OptKinds => Get(nameof(OptKinds));

    public static string OptInterval => Get(nameof(OptInterval));

    public static string OptMultiplex => Get(nameof(OptMultiplex));

    public static string OptSecrets => Get(nameof(OptSecrets));

    public static string OptPrefix => Get(nameof(OptPrefix));

    public static string SimulateStarting => Get(nameof(SimulateStarting));

    public static string SimulateStatus => Get(nameof(SimulateStatus));

    public static string SimulateDone => Get(nameof(SimulateDone));

    public static string CmdDemo => Get(nameof(CmdDemo));

    public static string OptMqttPort => Get(nameof(OptMqttPort));

    public static string OptHttpPort => Get(nameof(OptHttpPort));

    public static string OptDataDir => Get(nameof(OptDataDir));

    public static string DemoTitle => Get(nameof(DemoTitle));

    public static string DemoBroker => Get(nameof(DemoBroker));

    public static string DemoTopics => Get(nameof(DemoTopics));

    public static string DemoAas => Get(nameof(DemoAas));

    public static string DemoRegistry => Get(nameof(DemoRegistry));

    public static string DemoMachines => Get(nameof(DemoMachines));

    public static string DemoTry => Get(nameof(DemoTry));

    public static string DemoStop => Get(nameof(DemoStop));

    public static string DemoRunningFor => Get(nameof(DemoRunningFor));

    public static string DemoMissing => Get(nameof(DemoMissing));

    public static string DemoAlarm => Get(nameof(DemoAlarm));

    public static string DemoTelemetry => Get(nameof(DemoTelemetry));

    public static string DemoStopped => Get(nameof(DemoStopped));

    public static string CmdServe => Get(nameof(CmdServe));

    public static string CmdProvision => Get(nameof(CmdProvision));

    public static string OptPort => Get(nameof(OptPort));

    public static string CmdNodes => Get(nameof(CmdNodes));

    public static string CmdNodesList => Get(nameof(CmdNodesList));

    public static string CmdNodesShow => Get(nameof(CmdNodesShow));

    public static string CmdNodesAdopt => Get(nameof(CmdNodesAdopt));

    public static string CmdNodesRemove => Get(nameof(CmdNodesRemove));

    public static string ArgNodeId => Get(nameof(ArgNodeId));

    public static string CmdConfig => Get(nameof(CmdConfig));

    public static string CmdConfigGet => Get(nameof(CmdConfigGet));

    public static string CmdConfigSet => Get(nameof(CmdConfigSet));

    public static string CmdConfigRollout => Get(nameof(CmdConfigRollout));

    public static string CmdWatch => Get(nameof(CmdWatch));

    public static string CmdSpectrum => Get(nameof(CmdSpectrum));

    public static string OptOutputFile => Get(nameof(OptOutputFile));

    public static string CmdAas => Get(nameof(CmdAas));

    public static string CmdAasExport => Get(nameof(CmdAasExport));

    public static string CmdFlash => Get(nameof(CmdFlash));

    public static string OptDryRun => Get(nameof(OptDryRun));

    public static string OptBoard => Get(nameof(OptBoard));

    public static string ErrUnavailable => Get(nameof(ErrUnavailable));

    public static string ErrUnexpected => Get(nameof(ErrUnexpected));

    public static string ErrBrokerUri => Get(nameof(ErrBrokerUri));

    public static string ErrConnect => Get(nameof(ErrConnect));

    public static string ErrUnknownKind => Get(nameof(ErrUnknownKind));

    public static string ErrDuration => Get(nameof(ErrDuration));

    public static string ErrFileNotFound => Get(nameof(ErrFileNotFound));

    public static string Interrupted => Get(nameof(Interrupted));
}
