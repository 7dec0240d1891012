package storage

// Stores is one store per aggregate over one DB, for wiring: cmd/runclub
// hands each to whoever needs that aggregate.
type Stores struct {
	Members       *MemberStore
	CheckIns      *CheckInStore
	Runs          *RunStore
	Clubs         *ClubStore
	Conversations *ConversationStore
	Deliveries    *DeliveryStore
	Schedule      *ScheduleStore
	History       *HistoryStore
	Import        *ImportStore
	Changes       *ChangeStore
	StepSkips     *StepSkipStore
	Away          *AwayStore
	Links         *LinkStore
	Alerts        *AlertStore
	Events        *EventStore
}

// NewStores returns every store over db.
func NewStores(db *DB) Stores {
	return Stores{
		Members:       NewMemberStore(db),
		CheckIns:      NewCheckInStore(db),
		Runs:          NewRunStore(db),
		Clubs:         NewClubStore(db),
		Conversations: NewConversationStore(db),
		Deliveries:    NewDeliveryStore(db),
		Schedule:      NewScheduleStore(db),
		History:       NewHistoryStore(db),
		Import:        NewImportStore(db),
		Changes:       NewChangeStore(db),
		StepSkips:     NewStepSkipStore(db),
		Away:          NewAwayStore(db),
		Links:         NewLinkStore(db),
		Alerts:        NewAlertStore(db),
		Events:        NewEventStore(db),
	}
}
