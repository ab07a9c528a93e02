/** A synthetic schedule: every name and number here is made up. */
export interface Appointment {
  id: string;
  patientName: string;
  /** Where the patient asked to be reminded (E.164, or a channel address). */
  contact: string;
  startsAt: string;
  status: 'scheduled' | 'reminded' | 'reminder-refused' | 'confirmed' | 'reschedule-requested';
  reminderSid?: string;
  deliveryStatus?: string;
  refusedBy?: string;
}

export function sampleAppointments(): Appointment[] {
  return [
    { id: 'apt-1001', patientName: 'Maria Lopez', contact: '+12125550123', startsAt: '2026-12-01T09:30:00-05:00', status: 'scheduled' },
    { id: 'apt-1002', patientName: 'Daniel Okafor', contact: '+14155550188', startsAt: '2026-12-01T11:00:00-08:00', status: 'scheduled' },
    // Vancouver shares +1 with the US but is not a US area code: the guard refuses it.
    { id: 'apt-1003', patientName: 'Chloe Tremblay', contact: '+16045550142', startsAt: '2026-12-02T08:15:00-08:00', status: 'scheduled' },
    // WhatsApp is not HIPAA eligible: the guard refuses it.
    { id: 'apt-1004', patientName: 'Ana Souza', contact: 'whatsapp:+13055550111', startsAt: '2026-12-02T14:45:00-05:00', status: 'scheduled' },
  ];
}

export function formatSlot(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' }) + ' ET';
}
