//! What the request types with a contact share: the setters of its name and phone number.

/// The `with_` setters of a contact's `first_name` and `last_name` (`String`) and `phone_number`
/// (`Option<String>`), for the `impl` block of a request type with those fields
/// ([`AddressRequest`](crate::AddressRequest), [`ContactRequest`](crate::ContactRequest)).
macro_rules! contact_setters {
    () => {
        /// Sets the contact's first name.
        pub fn with_first_name(mut self, first_name: impl Into<String>) -> Self {
            self.first_name = first_name.into();
            self
        }

        /// Sets the contact's last name.
        pub fn with_last_name(mut self, last_name: impl Into<String>) -> Self {
            self.last_name = last_name.into();
            self
        }

        /// Sets the phone number.
        pub fn with_phone_number(mut self, phone: impl Into<String>) -> Self {
            self.phone_number = Some(phone.into());
            self
        }
    };
}
pub(crate) use contact_setters;
