using SensorNode.Aas.Model;
using SensorNode.Aas.Serialization;
using SensorNode.Core.Protocol;
using static SensorNode.Aas.Mapping.AasFactory;

namespace SensorNode.Aas.Mapping;

/// <summary>
/// The AAS of one monitored machine: its shell, the four submodels (Digital Nameplate, ConditionMonitoring,
/// TimeSeries, AssetInterfacesDescription) and the concept descriptions they use, plus direct links to the
/// live properties so an update touches only what changed. Not thread-safe on its own: the repository
/// serializes access.
/// </summary>
public sealed class MachineTwin
{
    public const string NameplateKind = "nameplate";
    public const string ConditionKind = "condition";
    public const string TimeSeriesKind = "timeseries";
    public const string InterfacesKind = "interfaces";

    private readonly Dictionary<string, Property> _live = new(StringComparer.Ordinal);
    private readonly AasMappingOptions _options;
    private readonly SubmodelElementCollection _records;
    private readonly Property _recordCount, _startTime, _endTime, _segmentLastUpdate, _linkedLastUpdate;
    private readonly Property _online, _lastSequence, _lastMeasurementTime, _sensorStatus;
    private readonly List<(string Key, string? Axis)> _seriesColumns = [];
    private readonly List<DateTimeOffset> _recordTimes = [];
    private long _recordCounter;
    private DateTimeOffset _lastLive = DateTimeOffset.MinValue;

    public MachineDescription Description { get; }
    public AssetAdministrationShell Shell { get; }
    public Submodel Nameplate { get; }
    public Submodel Condition { get; }
    public Submodel TimeSeries { get; }
    public Submodel Interfaces { get; }
    public IReadOnlyList<ConceptDescription> ConceptDescriptions { get; }
    public Topics Topics { get; }

    public IEnumerable<Submodel> Submodels => [Nameplate, Condition, TimeSeries, Interfaces];

    /// <summary>Builds the twin. Throws ArgumentException for a description the protocol or AAS cannot carry.</summary>
    public MachineTwin(MachineDescription m, AasMappingOptions options, string shellIdShort)
    {
        ArgumentNullException.ThrowIfNull(m);
        options.Validate();
        if (!Topics.IsValidSegment(m.Site)) throw new ArgumentException($"Site '{m.Site}' is not a valid topic segment (1-32 of A-Z a-z 0-9 - _).", nameof(m));
        if (!Topics.IsValidSegment(m.NodeId)) throw new ArgumentException($"Node id '{m.NodeId}' is not a valid topic segment (1-32 of A-Z a-z 0-9 - _).", nameof(m));
        if (string.IsNullOrWhiteSpace(m.AssetName)) throw new ArgumentException("The asset name must not be empty.", nameof(m));
        if (m.AxisCount is < 1 or > 3) throw new ArgumentException("AxisCount must be 1..3.", nameof(m));
        var broker = m.Broker ?? options.Broker;
        if (broker.Port is < 1 or > 65535 || string.IsNullOrWhiteSpace(broker.Host)) throw new ArgumentException("The broker host/port is invalid.", nameof(m));
        m = m with { Broker = broker };

        Description = m;
        _options = options;
        Topics = new Topics(m.Site, m.NodeId);
        var ids = new AasIds(options.IdBase);
        string key = AasIds.AssetKeyOf(m);
        string lang = m.Language ?? DetectLanguage(m.AssetName + m.Location);
        var concepts = new Dictionary<string, ConceptDescription>(StringComparer.Ordinal);

        Nameplate = BuildNameplate(m, ids.Submodel(m.Site, key, NameplateKind), lang);
        Condition = BuildCondition(m, ids.Submodel(m.Site, key, ConditionKind), concepts,
            out _online, out _lastSequence, out _lastMeasurementTime, out _sensorStatus);
        TimeSeries = BuildTimeSeries(m, ids.Submodel(m.Site, key, TimeSeriesKind), lang, shellIdShort,
            out _records, out _recordCount, out _startTime, out _endTime, out _segmentLastUpdate, out _linkedLastUpdate);
        Interfaces = BuildInterfaces(m, ids.Submodel(m.Site, key, InterfacesKind));

        var assetInfo = new AssetInformation(AssetKind.Instance)
        {
            GlobalAssetId = ids.Asset(m.Site, key),
            SpecificAssetIds = [new SpecificAssetId("SensorNodeId", m.NodeId)],
        };
        if (!string.IsNullOrWhiteSpace(m.SerialNumber))
            assetInfo.SpecificAssetIds.Insert(0, new SpecificAssetId("SerialNumber", Clean(m.SerialNumber, 2000))
            {
                SemanticId = Reference.Global(SemanticIds.SerialNumber),
            });

        Shell = new AssetAdministrationShell(ids.Shell(m.Site, key), assetInfo)
        {
            IdShort = shellIdShort,
            DisplayName = Text(lang, Clean(m.AssetName, 128)),
            Description = string.IsNullOrWhiteSpace(m.Location) ? null : Text(lang, Clean(m.Location, 1023)),
            Submodels = Submodels.Select(s => Reference.Model(KeyTypes.Submodel, s.Id)).ToList(),
        };
        ConceptDescriptions = [.. concepts.Values];
    }

    // ------------------------------------------------------------------ Digital Nameplate (IDTA 02006-3-0-1)

    private static Submodel BuildNameplate(MachineDescription m, string id, string lang)
    {
        var elements = new List<SubmodelElement>();
        if (!string.IsNullOrWhiteSpace(m.ProductUri))
            elements.Add(Prop("URIOfTheProduct", DataTypeDefXsd.AnyUri, Clean(m.ProductUri, 2000), SemanticIds.UriOfTheProduct));
        if (!string.IsNullOrWhiteSpace(m.Manufacturer))
            elements.Add(Mlp("ManufacturerName", SemanticIds.ManufacturerName, new LangString(lang, Clean(m.Manufacturer, 1023))));
        if (!string.IsNullOrWhiteSpace(m.Model))
            elements.Add(Mlp("ManufacturerProductDesignation", SemanticIds.ManufacturerProductDesignation, new LangString(lang, Clean(m.Model, 1023))));
        // Mandatory in the template; the manufacturer's address of a legacy machine is rarely known: left empty.
        elements.Add(Smc("AddressInformation", SemanticIds.AddressInformation));
        if (!string.IsNullOrWhiteSpace(m.Model))
            elements.Add(Prop("ManufacturerProductType", DataTypeDefXsd.String, Clean(m.Model, 2000), SemanticIds.ManufacturerProductType));
        if (!string.IsNullOrWhiteSpace(m.OrderCode))
            elements.Add(Prop("OrderCodeOfManufacturer", DataTypeDefXsd.String, Clean(m.OrderCode, 2000), SemanticIds.OrderCodeOfManufacturer));
        if (!string.IsNullOrWhiteSpace(m.SerialNumber))
            elements.Add(Prop("SerialNumber", DataTypeDefXsd.String, Clean(m.SerialNumber, 2000), SemanticIds.SerialNumber));
        if (m.YearOfConstruction is { } year)
        {
            if (year is < 1800 or > 9999) throw new ArgumentException($"Year of construction {year} is not plausible.", nameof(m));
            elements.Add(Prop("YearOfConstruction", DataTypeDefXsd.String, XsdValue.Int(year), SemanticIds.YearOfConstruction));
        }

        return new Submodel(id)
        {
            IdShort = "Nameplate",
            Kind = ModellingKind.Instance,
            SemanticId = Reference.Global(SemanticIds.Nameplate),
            Administration = new AdministrativeInformation { Version = "3", Revision = "0", TemplateId = SemanticIds.NameplateTemplateId },
            SubmodelElements = elements,
        };
    }

    // ------------------------------------------------------------------ Condition monitoring (live values)

    private Submodel BuildCondition(MachineDescription m, string id, Dictionary<string, ConceptDescription> concepts,
        out Property online, out Property lastSequence, out Property lastTime, out Property status)
    {
        void AddConcept(ConceptDescription cd) => concepts.TryAdd(cd.Id, cd);
        AddConcept(Concept("ConditionMonitoring", "condition monitoring",
            "Live condition-monitoring values of a machine measured by a SensorNode retrofit node."));
        AddConcept(Concept("SensorNodeInformation", "sensor node", "The retrofit node that measures the machine: identity, firmware, board, sensors and link state."));
        AddConcept(Concept("NodeOnline", "node online", "True while the node's retained MQTT status is online.", DataTypeIec61360.BOOLEAN));
        AddConcept(Concept("TelemetrySequence", "telemetry sequence number", "Per-node sequence number of the last applied telemetry message.", DataTypeIec61360.INTEGER_COUNT, "1"));
        AddConcept(Concept("SensorStatus", "sensor status bits", "Bit set: 1 accelerometer failed, 2 temperature sensor failed, 4 current channel failed, 8 clock not synchronized.", DataTypeIec61360.INTEGER_COUNT, "1"));
        AddConcept(Concept("NodeId", "node id", "Identifier of the node in the MQTT topic tree.", DataTypeIec61360.STRING));
        AddConcept(Concept("BoardProfile", "board", "Board profile of the node (boards/ in the SensorNode repository).", DataTypeIec61360.STRING));
        AddConcept(Concept("SensorModel", "sensor model", "Type designation of a sensor wired to the node.", DataTypeIec61360.STRING));

        var node = Smc("SensorNode", AasIds.Concept("SensorNodeInformation"));
        node.Add(Prop("NodeId", DataTypeDefXsd.String, m.NodeId, AasIds.Concept("NodeId"), "PARAMETER"));
        if (!string.IsNullOrWhiteSpace(m.FirmwareVersion))
            node.Add(Prop("FirmwareVersion", DataTypeDefXsd.String, Clean(m.FirmwareVersion, 2000), SemanticIds.FirmwareVersion, "PARAMETER"));
        if (!string.IsNullOrWhiteSpace(m.Board))
            node.Add(Prop("Board", DataTypeDefXsd.String, Clean(m.Board, 2000), AasIds.Concept("BoardProfile"), "PARAMETER"));
        if (m.Sensors.Count > 0)
        {
            var sensors = node.Add(Smc("Sensors", null));
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in m.Sensors)
            {
                var p = sensors.Add(Prop(IdShortSanitizer.MakeUnique(s.Kind.ToString(), taken), DataTypeDefXsd.String,
                    Clean(s.Model, 2000), AasIds.Concept("SensorModel"), "CONSTANT"));
                if (!string.IsNullOrWhiteSpace(s.MountingLocation))
                    p.Description = Text(m.Language ?? DetectLanguage(s.MountingLocation), Clean(s.MountingLocation, 1023));
            }
        }
        online = node.Add(Prop("Online", DataTypeDefXsd.Boolean, null, AasIds.Concept("NodeOnline"), "VARIABLE"));
        lastSequence = node.Add(Prop("LastSequence", DataTypeDefXsd.UnsignedInt, null, AasIds.Concept("TelemetrySequence"), "VARIABLE"));
        lastTime = node.Add(Prop("LastMeasurementTime", DataTypeDefXsd.DateTime, null, FeatureCatalog.MeasurementTimestampIrdi, "VARIABLE"));
        status = node.Add(Prop("SensorStatus", DataTypeDefXsd.Int, null, AasIds.Concept("SensorStatus"), "VARIABLE"));

        var groups = new Dictionary<FeatureGroup, SubmodelElementCollection>();
        (string Name, string Preferred, string Definition) GroupConcept(FeatureGroup g) => g switch
        {
            FeatureGroup.Vibration => ("VibrationMeasurements", "vibration measurements", "Vibration features per axis of the node's accelerometer."),
            FeatureGroup.Temperature => ("TemperatureMeasurements", "temperature measurements", "Temperature measured on the machine."),
            FeatureGroup.MotorCurrent => ("MotorCurrentMeasurements", "motor current measurements", "Features of the motor current measured with a CT clamp."),
            _ => ("OperationCounters", "operation counters", "Running state, run hours and starts derived from the motor current."),
        };

        foreach (var f in FeatureCatalog.All)
        {
            bool wanted = f.Group switch
            {
                FeatureGroup.Vibration => m.Has(SensorKind.Accelerometer),
                FeatureGroup.Temperature => m.Has(SensorKind.Temperature),
                _ => m.Has(SensorKind.Current),
            };
            if (!wanted) continue;
            if (!groups.TryGetValue(f.Group, out var smc))
            {
                var gc = GroupConcept(f.Group);
                AddConcept(Concept(gc.Name, gc.Preferred, gc.Definition));
                smc = Smc(f.Group.ToString(), AasIds.Concept(gc.Name));
                groups.Add(f.Group, smc);
            }
            AddConcept(Concept(f.Concept, f.PreferredName, f.Definition, f.Iec61360Type, f.Unit, f.UnitIrdi, f.SourceOfDefinition));
            string?[] axes = f.PerAxis ? FeatureCatalog.Axes.Take(m.AxisCount).Select(a => (string?)a).ToArray() : [null];
            foreach (var axis in axes)
            {
                var p = smc.Add(Prop(f.IdShortFor(axis), f.ValueType, null, AasIds.Concept(f.Concept), "VARIABLE"));
                _live.Add(LiveKey(f.Key, axis), p);
            }
        }

        var elements = new List<SubmodelElement> { node };
        foreach (var g in new[] { FeatureGroup.Vibration, FeatureGroup.Temperature, FeatureGroup.MotorCurrent, FeatureGroup.Operation })
            if (groups.TryGetValue(g, out var smc)) elements.Add(smc);

        return new Submodel(id)
        {
            IdShort = "ConditionMonitoring",
            Kind = ModellingKind.Instance,
            SemanticId = Reference.Global(AasIds.Concept("ConditionMonitoring")),
            Administration = new AdministrativeInformation { Version = "1", Revision = "0" },
            SubmodelElements = elements,
        };
    }

    private static string LiveKey(string key, string? axis) => axis is null ? key : key + "/" + axis;

    // ------------------------------------------------------------------ Time Series Data (IDTA 02008-1-1-1)

    private Submodel BuildTimeSeries(MachineDescription m, string id, string lang, string shellIdShort,
        out SubmodelElementCollection records, out Property recordCount, out Property startTime, out Property endTime,
        out Property lastUpdate, out Property linkedLastUpdate)
    {
        var names = new List<LangString> { new("en", $"Condition monitoring of {shellIdShort}") };
        if (lang != "en") names.Add(new LangString(lang, Clean(m.AssetName, 900)));

        var record = Smc("Record", SemanticIds.TsRecord,
            Prop("Time", DataTypeDefXsd.DateTime, null, SemanticIds.TsUtcTime));
        foreach (var key in _options.TimeSeriesKeys)
        {
            var f = FeatureCatalog.Get(key);
            if (!_live.ContainsKey(LiveKey(key, f.PerAxis ? "x" : null))) continue; // sensor not fitted
            string?[] seriesAxes = f.PerAxis ? FeatureCatalog.Axes.Take(m.AxisCount).Select(a => (string?)a).ToArray() : [null];
            foreach (var axis in seriesAxes)
            {
                _seriesColumns.Add((key, axis));
                record.Add(Prop(f.IdShortFor(axis), f.ValueType, null, AasIds.Concept(f.Concept)));
            }
        }

        var metadata = Smc("Metadata", SemanticIds.TsMetadata,
            new MultiLanguageProperty("Name", names) { SemanticId = Reference.Global(SemanticIds.TsMetadataName) },
            Mlp("Description", SemanticIds.TsMetadataDescription,
                new LangString("en", $"Telemetry features of node {m.NodeId}: recent records inside this submodel, the full stream on the MQTT broker.")),
            record);

        Property State() => new("State", DataTypeDefXsd.String, "InProgress")
        {
            SemanticId = Reference.Global(SemanticIds.TsState),
            ValueId = Reference.Global(SemanticIds.TsStateInProgress),
        };

        records = Smc("Records", SemanticIds.TsRecords);
        recordCount = Prop("RecordCount", DataTypeDefXsd.Long, "0", SemanticIds.TsRecordCount);
        startTime = Prop("StartTime", DataTypeDefXsd.String, null, SemanticIds.TsStartTime);
        endTime = Prop("EndTime", DataTypeDefXsd.String, null, SemanticIds.TsEndTime);
        lastUpdate = Prop("LastUpdate", DataTypeDefXsd.String, null, SemanticIds.TsLastUpdate);
        linkedLastUpdate = Prop("LastUpdate", DataTypeDefXsd.String, null, SemanticIds.TsLastUpdate);

        var internalSegment = Smc("InternalSegment", SemanticIds.TsInternalSegment,
            Mlp("Name", SemanticIds.TsSegmentName, new LangString("en", "Recent records")),
            Mlp("Description", SemanticIds.TsSegmentDescription,
                new LangString("en", $"The last {_options.TimeSeriesCapacity} telemetry records received from the node, oldest first.")),
            recordCount, startTime, endTime, lastUpdate, State(), records);
        var linkedSegment = Smc("LinkedSegment", SemanticIds.TsLinkedSegment,
            Mlp("Name", SemanticIds.TsSegmentName, new LangString("en", "MQTT telemetry stream")),
            Mlp("Description", SemanticIds.TsSegmentDescription,
                new LangString("en", "Live telemetry of the node: subscribe to Query (an MQTT topic) on the broker named by Endpoint. Payload format: docs/protocol.md.")),
            linkedLastUpdate, State(),
            Prop("Endpoint", DataTypeDefXsd.String, m.Broker!.BaseUri, SemanticIds.TsEndpoint),
            Prop("Query", DataTypeDefXsd.String, Topics.Telemetry, SemanticIds.TsQuery));
        if (_options.TelemetryIntervalSeconds is { } interval)
        {
            var si = XsdValue.Long(interval);
            internalSegment.Value!.Insert(5, Prop("SamplingInterval", DataTypeDefXsd.Long, si, SemanticIds.TsSamplingInterval));
            linkedSegment.Value!.Insert(2, Prop("SamplingInterval", DataTypeDefXsd.Long, si, SemanticIds.TsSamplingInterval));
        }

        return new Submodel(id)
        {
            IdShort = "TimeSeries",
            Kind = ModellingKind.Instance,
            SemanticId = Reference.Global(SemanticIds.TimeSeries),
            Administration = new AdministrativeInformation { Version = "1", Revision = "1" },
            SubmodelElements = [metadata, Smc("Segments", SemanticIds.TsSegments, internalSegment, linkedSegment)],
        };
    }

    // ------------------------------------------------------------------ Asset Interfaces Description (IDTA 02017-1-0-1)

    private Submodel BuildInterfaces(MachineDescription m, string id)
    {
        const string iface = "InterfaceMQTT";
        string scheme = m.Broker!.RequiresCredentials ? "basic_sc" : "nosec_sc";
        var securityRef = Reference.Model(KeyTypes.Submodel, id,
            new Key(KeyTypes.SubmodelElementCollection, iface),
            new Key(KeyTypes.SubmodelElementCollection, "EndpointMetadata"),
            new Key(KeyTypes.SubmodelElementCollection, "securityDefinitions"),
            new Key(KeyTypes.SubmodelElementCollection, scheme));

        SubmodelElementList SecurityList() => new("security", AasSubmodelElements.ReferenceElement)
        {
            SemanticId = Reference.Global(SemanticIds.TdHasSecurityConfiguration),
            SemanticIdListElement = Reference.Global(SemanticIds.TdHasSecurityConfiguration),
            OrderRelevant = true,
            Value = [new ReferenceElement(null, securityRef)],
        };

        var endpoint = Smc("EndpointMetadata", SemanticIds.AidEndpointMetadata,
            Prop("base", DataTypeDefXsd.AnyUri, m.Broker!.BaseUri, SemanticIds.TdBase),
            Prop("contentType", DataTypeDefXsd.String, "application/json", SemanticIds.HctForContentType),
            SecurityList(),
            Smc("securityDefinitions", SemanticIds.TdDefinesSecurityScheme,
                Smc(scheme, m.Broker!.RequiresCredentials ? SemanticIds.SecBasicSecurityScheme : SemanticIds.SecNoSecurityScheme,
                    Prop("scheme", DataTypeDefXsd.String, m.Broker!.RequiresCredentials ? "basic" : "nosec", SemanticIds.SecScheme))));

        SubmodelElementCollection Forms(string topic, int qos, bool retain) => Smc("forms", SemanticIds.TdHasForm,
            Prop("href", DataTypeDefXsd.String, topic, SemanticIds.HctHasTarget),
            Prop("contentType", DataTypeDefXsd.String, "application/json", SemanticIds.HctForContentType),
            SecurityList(),
            Prop("mqv_retain", DataTypeDefXsd.String, retain ? "true" : "false", SemanticIds.MqvRetain),
            Prop("mqv_controlPacket", DataTypeDefXsd.String, "subscribe", SemanticIds.MqvControlPacket),
            Prop("mqv_qos", DataTypeDefXsd.String, XsdValue.Int(qos), SemanticIds.MqvQos));

        SubmodelElementCollection Affordance(string idShort, string title, string type, int qos, bool retain, string topic,
            SubmodelElementCollection? members = null)
        {
            var p = Smc(idShort, SemanticIds.AidPropertyDefinition,
                Prop("key", DataTypeDefXsd.String, idShort, SemanticIds.AidKey),
                Prop("type", DataTypeDefXsd.String, type, SemanticIds.RdfType),
                Prop("title", DataTypeDefXsd.String, title, SemanticIds.TdTitle),
                Prop("observable", DataTypeDefXsd.Boolean, "true", SemanticIds.TdIsObservable));
            p.SupplementalSemanticIds = [Reference.Global(SemanticIds.TdName)];
            if (members is not null) p.Add(members);
            p.Add(Forms(topic, qos, retain));
            return p;
        }

        SubmodelElementCollection Member(string key, string type, string? unit, SubmodelElementCollection? nested = null)
        {
            // The JSON member name is in "key"; one-letter axis names get a longer idShort because Part 2
            // idShort paths need at least two characters per step.
            string idShort = key.Length == 1 ? "Axis" + key.ToUpperInvariant() : IdShortSanitizer.Sanitize(key, "Key");
            var p = Smc(idShort, SemanticIds.JsonSchemaPropertyName,
                Prop("key", DataTypeDefXsd.String, key, SemanticIds.AidKey),
                Prop("type", DataTypeDefXsd.String, type, SemanticIds.RdfType));
            if (unit is not null) p.Add(Prop("unit", DataTypeDefXsd.String, unit, SemanticIds.SchemaUnitCode));
            if (nested is not null) p.Add(nested);
            return p;
        }

        SubmodelElementCollection Members(IEnumerable<SubmodelElementCollection> items) =>
            Smc("properties", SemanticIds.JsonSchemaProperties, [.. items]);

        // Telemetry payload (docs/protocol.md): seq, ts, tsync, hist, st, vib{x{…}}, shaft, temp, cur{…}.
        var telemetryMembers = new List<SubmodelElementCollection>
        {
            Member("seq", "integer", null), Member("ts", "integer", "ms"), Member("tsync", "boolean", null),
            Member("hist", "boolean", null), Member("st", "integer", null),
        };
        if (m.Has(SensorKind.Accelerometer))
        {
            var axisMembers = FeatureCatalog.All.Where(f => f.PerAxis)
                .Select(f => Member(f.Key, f.ValueType == DataTypeDefXsd.String ? "string" : "number", f.Unit)).ToArray();
            var axes = FeatureCatalog.Axes.Take(m.AxisCount)
                .Select(a => Member(a, "object", null, Members(axisMembers.Select(CloneMember))));
            telemetryMembers.Add(Member("vib", "object", null, Members(axes)));
            telemetryMembers.Add(Member("shaft", "number", "Hz"));
        }
        if (m.Has(SensorKind.Temperature)) telemetryMembers.Add(Member("temp", "number", "°C"));
        if (m.Has(SensorKind.Current))
        {
            var cur = FeatureCatalog.All.Where(f => f.Group is FeatureGroup.MotorCurrent or FeatureGroup.Operation)
                .Select(f => Member(f.Key, f.ValueType switch
                {
                    DataTypeDefXsd.Boolean => "boolean",
                    DataTypeDefXsd.Int => "integer",
                    _ => "number",
                }, f.Unit));
            telemetryMembers.Add(Member("cur", "object", null, Members(cur)));
        }

        var properties = Smc("properties", SemanticIds.TdPropertyAffordance,
            Affordance("telemetry", "Features of one measurement window", "object", Topics.TelemetryQos, Topics.TelemetryRetain,
                Topics.Telemetry, Members(telemetryMembers)),
            Affordance("status", "Node online/offline (retained, offline is the MQTT Will)", "string", Topics.StatusQos, Topics.StatusRetain, Topics.Status),
            Affordance("birth", "Node birth: firmware, board, sensors, units, config hash", "object", Topics.BirthQos, Topics.BirthRetain, Topics.Birth),
            Affordance("health", "Node health: uptime, memory, RSSI, queue depth, reconnects", "object", Topics.HealthQos, Topics.HealthRetain, Topics.Health),
            Affordance("alarm", "Alarm events raised by the node", "object", Topics.AlarmQos, Topics.AlarmRetain, Topics.Alarm));

        var title = Prop("title", DataTypeDefXsd.String, $"SensorNode {m.NodeId} MQTT interface", SemanticIds.TdTitle);
        var mqtt = Smc(iface, SemanticIds.AidInterface, title, endpoint,
            Smc("InteractionMetadata", SemanticIds.AidInteractionMetadata, properties));
        mqtt.SupplementalSemanticIds = [Reference.Global(SemanticIds.Mqtt), Reference.Global(SemanticIds.Td)];

        return new Submodel(id)
        {
            IdShort = "AssetInterfacesDescription",
            Kind = ModellingKind.Instance,
            SemanticId = Reference.Global(SemanticIds.Aid),
            Administration = new AdministrativeInformation { Version = "1", Revision = "0" },
            SubmodelElements = [mqtt],
        };
    }

    private static SubmodelElementCollection CloneMember(SubmodelElementCollection source) =>
        new(source.IdShort, source.Value!.Select(c => (SubmodelElement)new Property(c.IdShort, ((Property)c).ValueType, ((Property)c).Value)
        {
            SemanticId = c.SemanticId,
        }).ToList())
        {
            SemanticId = source.SemanticId,
        };

    // ------------------------------------------------------------------ live updates

    /// <summary>Applies one telemetry message: validates every reading, writes live values (unless historical or
    /// older than what is shown) and appends a time-series record. Rejected readings come back with the reason.</summary>
    public ReadingUpdateResult Apply(TelemetrySample sample, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sample);
        bool live = !sample.Historical && sample.Timestamp >= _lastLive;
        int applied = 0;
        List<RejectedReading>? rejected = null;
        double?[]? row = _seriesColumns.Count == 0 ? null : new double?[_seriesColumns.Count];
        bool rowHasValue = false;

        foreach (var r in sample.Readings)
        {
            string? error = Validate(r, out var property, out string? text);
            if (error is not null)
            {
                (rejected ??= []).Add(new RejectedReading(r, error));
                continue;
            }
            applied++;
            if (live) property!.Value = text;
            if (row is not null)
            {
                int col = _seriesColumns.IndexOf((r.Key, r.Axis));
                if (col >= 0) { row[col] = r.Value; rowHasValue = true; }
            }
        }

        if (live)
        {
            _lastLive = sample.Timestamp;
            _lastMeasurementTime.Value = XsdValue.DateTime(sample.Timestamp);
            _sensorStatus.Value = XsdValue.Int(sample.Status);
            if (sample.Sequence is { } seq) _lastSequence.Value = XsdValue.UnsignedInt(seq);
        }
        if (rowHasValue) AppendRecord(sample.Timestamp, row!, now);
        return new ReadingUpdateResult(applied, (IReadOnlyList<RejectedReading>?)rejected ?? []);
    }

    /// <summary>
    /// Takes over the live values, link state and recent records of the twin this one replaces (a node's birth
    /// re-describes the machine on every reconnect; that must not blank the values or the time series).
    /// Values are kept where the same feature/axis still exists; records only when the columns are the same.
    /// </summary>
    internal void CarryOver(MachineTwin previous)
    {
        foreach (var (key, property) in _live)
            if (previous._live.TryGetValue(key, out var old)) property.Value = old.Value;
        _online.Value = previous._online.Value;
        _lastSequence.Value = previous._lastSequence.Value;
        _lastMeasurementTime.Value = previous._lastMeasurementTime.Value;
        _sensorStatus.Value = previous._sensorStatus.Value;
        _lastLive = previous._lastLive;
        if (!_seriesColumns.SequenceEqual(previous._seriesColumns) || previous._records.Value is not { Count: > 0 } records) return;
        int skip = Math.Max(0, records.Count - _options.TimeSeriesCapacity);
        _records.Value = records.Skip(skip).ToList();
        _recordTimes.AddRange(previous._recordTimes.Skip(skip));
        _recordCounter = previous._recordCounter;
        _recordCount.Value = XsdValue.Long(_records.Value.Count);
        _startTime.Value = XsdValue.DateTime(_recordTimes[0]);
        _endTime.Value = XsdValue.DateTime(_recordTimes[^1]);
        _segmentLastUpdate.Value = previous._segmentLastUpdate.Value;
        _linkedLastUpdate.Value = previous._linkedLastUpdate.Value;
    }

    /// <summary>Sets the node's online state (from the retained status topic).</summary>
    public void SetOnline(bool online) => _online.Value = XsdValue.Boolean(online);

    private string? Validate(Reading r, out Property? property, out string? text)
    {
        property = null;
        text = null;
        if (r.Key is null || !FeatureCatalog.TryGet(r.Key, out var f)) return $"Unknown feature key '{r.Key}'.";
        if (f.PerAxis)
        {
            if (r.Axis is not ("x" or "y" or "z")) return $"Feature '{r.Key}' needs axis x, y or z.";
        }
        else if (r.Axis is not null) return $"Feature '{r.Key}' has no axis.";
        if (!_live.TryGetValue(LiveKey(r.Key, r.Axis), out property))
            return $"Feature '{r.Key}'{(r.Axis is null ? "" : " axis " + r.Axis)} is not fitted on this machine.";
        if (r.Unit is not null && !f.AcceptsUnit(r.Unit)) return $"Unit '{r.Unit}' does not match '{f.Unit ?? "(none)"}' of '{r.Key}'.";
        if (!double.IsFinite(r.Value)) return $"Value of '{r.Key}' is not a finite number.";
        switch (f.ValueType)
        {
            case DataTypeDefXsd.Double:
                text = XsdValue.Measurement(r.Value);
                break;
            case DataTypeDefXsd.Boolean:
                if (r.Value is not (0 or 1)) return $"Value of '{r.Key}' must be 0 or 1.";
                text = XsdValue.Boolean(r.Value == 1);
                break;
            case DataTypeDefXsd.Int:
                if (r.Value != Math.Floor(r.Value) || r.Value is < int.MinValue or > int.MaxValue) return $"Value of '{r.Key}' must be an integer.";
                text = XsdValue.Int((int)r.Value);
                break;
            default: // zone
                string? zone = r.Value == Math.Floor(r.Value) ? FeatureKeys.ZoneName((int)r.Value) : null;
                if (zone is null) return "Zone must be 0..3 (A..D).";
                text = zone;
                break;
        }
        return null;
    }

    private void AppendRecord(DateTimeOffset time, double?[] row, DateTimeOffset now)
    {
        var record = Smc("Record" + (++_recordCounter).ToString(System.Globalization.CultureInfo.InvariantCulture), SemanticIds.TsRecord,
            Prop("Time", DataTypeDefXsd.DateTime, XsdValue.DateTime(time), SemanticIds.TsUtcTime));
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not { } v) continue;
            var (key, axis) = _seriesColumns[i];
            var f = FeatureCatalog.Get(key);
            record.Add(Prop(f.IdShortFor(axis), DataTypeDefXsd.Double, XsdValue.Measurement(v), AasIds.Concept(f.Concept)));
        }

        // Keep records in time order (historical records may arrive late), oldest first, bounded.
        var list = _records.Value ??= [];
        int at = _recordTimes.Count;
        while (at > 0 && _recordTimes[at - 1] > time) at--;
        if (at == 0 && list.Count >= _options.TimeSeriesCapacity) return; // older than everything kept
        list.Insert(at, record);
        _recordTimes.Insert(at, time);
        if (list.Count > _options.TimeSeriesCapacity)
        {
            list.RemoveAt(0);
            _recordTimes.RemoveAt(0);
        }

        _recordCount.Value = XsdValue.Long(list.Count);
        _startTime.Value = XsdValue.DateTime(_recordTimes[0]);
        _endTime.Value = XsdValue.DateTime(_recordTimes[^1]);
        _segmentLastUpdate.Value = XsdValue.DateTime(now);
        _linkedLastUpdate.Value = XsdValue.DateTime(now);
    }
}
