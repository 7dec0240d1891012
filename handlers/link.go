package handlers

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// link joins one person's accounts. /link on one account gives a one-time
// code; /link CODE on the other makes the second account part of the
// first: its rows move there (on a day both have, the later answers win),
// and the first keeps its settings.
func (s *Service) link(ctx context.Context, r *request) (bot.Reply, error) {
	code, given := r.args.text("code")
	if !given {
		return s.newLinkCode(ctx, r)
	}
	code = normaliseLinkCode(code)
	if !validLinkCode(code) {
		return bot.Reply{}, invalid(render.BadLinkCode)
	}
	key := "account:" + r.cmd.Platform + ":" + r.cmd.UserID
	if r.member.ID != 0 {
		key = "member:" + strconv.FormatInt(r.member.ID, 10)
	}
	wrong, err := s.Links.WrongLinkCodes(ctx, key, r.now.Add(-domain.WrongLinkWindow))
	if err != nil {
		return bot.Reply{}, err
	}
	if wrong >= domain.MaxWrongLinkCodes {
		return bot.Reply{}, &domain.Error{Code: domain.EFORBIDDEN, Message: render.TooManyLinkCodes}
	}
	first, err := s.Links.TakeLinkCode(ctx, linkCodeHash(code), r.now)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		if err := s.Links.RecordWrongLinkCode(ctx, key, r.member.ID, r.now); err != nil {
			return bot.Reply{}, err
		}
		return bot.Reply{}, invalid(render.WrongLinkCode(domain.MaxWrongLinkCodes - wrong - 1))
	} else if err != nil {
		return bot.Reply{}, err
	}
	if first == r.member.ID {
		return bot.Reply{}, invalid(render.OwnLinkCode)
	}
	into, err := s.Members.MemberByID(ctx, first)
	if err != nil {
		return bot.Reply{}, err
	}
	if r.member.ID == 0 {
		id := domain.Identity{Platform: r.cmd.Platform, UserID: r.cmd.UserID, ChatID: r.cmd.ChatID, MemberID: into.ID}
		if err := s.Members.AddIdentity(ctx, id); err != nil {
			return bot.Reply{}, err
		}
	} else if err := s.Links.MergeMembers(ctx, into.ID, r.member.ID); err != nil {
		return bot.Reply{}, err
	}
	ids, err := s.Members.Identities(ctx, into.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	s.Log.Info("accounts linked", "member", into.ID, "merged", r.member.ID, "accounts", len(ids))
	return bot.Reply{Text: render.Linked(into, ids, r.member.ID != 0)}, nil
}

// newLinkCode gives the member a fresh code, stored only as its hash.
func (s *Service) newLinkCode(ctx context.Context, r *request) (bot.Reply, error) {
	if r.member.ID == 0 {
		return bot.Reply{}, &domain.Error{Code: domain.ENOTFOUND, Message: render.NotRegistered}
	}
	code, err := randomLinkCode()
	if err != nil {
		return bot.Reply{}, err
	}
	if err := s.Links.SaveLinkCode(ctx, r.member.ID, linkCodeHash(code), r.now.Add(domain.LinkCodeTTL)); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.LinkCode(code, r.cmd.Platform)}, nil
}

// randomLinkCode draws a code from crypto/rand, each character uniform
// over domain.LinkAlphabet.
func randomLinkCode() (string, error) {
	var b strings.Builder
	n := big.NewInt(int64(len(domain.LinkAlphabet)))
	for range domain.LinkCodeLength {
		i, err := rand.Int(rand.Reader, n)
		if err != nil {
			return "", fmt.Errorf("draw a link code: %w", err)
		}
		b.WriteByte(domain.LinkAlphabet[i.Int64()])
	}
	return b.String(), nil
}

// linkCodeHash is what is stored of a code.
func linkCodeHash(code string) []byte {
	h := sha256.Sum256([]byte("runclub link code " + code))
	return h[:]
}

// normaliseLinkCode reads a code as people type it: any case, with spaces
// or a dash in the middle.
func normaliseLinkCode(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
}

// validLinkCode reports whether code looks like a code: six letters and
// digits. One with a character no code has (O, 0, I, 1, L) is still a
// guess, and counts as a wrong one.
func validLinkCode(code string) bool {
	if len(code) != domain.LinkCodeLength {
		return false
	}
	for _, c := range code {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
